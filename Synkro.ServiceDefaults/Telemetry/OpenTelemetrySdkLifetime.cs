using Microsoft.Extensions.Hosting;
using OpenTelemetry;

namespace Synkro.ServiceDefaults.Telemetry;

/// <summary>
/// The SDK is created while the host is built, so work done before the host starts is traced too.
/// The container never disposes an instance it was handed, but it does dispose this service it
/// creates, and disposing the SDK flushes the batched spans and metrics at shutdown.
/// </summary>
internal sealed class OpenTelemetrySdkLifetime(OpenTelemetrySdk sdk) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => sdk.Dispose();
}
