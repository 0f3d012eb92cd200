using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration.Control;

/// <summary>
/// Hosts the control API in Kestrel on 127.0.0.1 and a free port, behind a bearer token made for this run:
/// what Aspire's dashboard offers as resource commands, for tests and tools.
/// </summary>
internal sealed class ControlServer(WebApplication app, ControlAccess access) : IAsyncDisposable
{
    /// <summary>The URL and token, for secrets.json; the URL alone goes to state.json.</summary>
    public ControlAccess Access { get; } = access;

    public static async Task<ControlServer> StartAsync(Orchestrator orchestrator, StateStore store, ILoggerProvider logs, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        // The empty builder reads no environment or appsettings, so nothing meant for the services (ASPNETCORE_URLS) leaks in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, LifetimeOwnedByAppHost>();
        // The live table owns the console: only Kestrel's warnings and errors, and into the AppHost's own log.
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Warning);

        var app = builder.Build();
        app.MapControlApi(orchestrator, store, token);
        await app.StartAsync(cancellationToken);
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ControlServer(app, new ControlAccess(url, token));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }

    /// <summary>
    /// The AppHost handles Ctrl+C and SIGTERM itself and stops this server last; the host's default console
    /// lifetime would register for the same signals and stop Kestrel on its own.
    /// </summary>
    private sealed class LifetimeOwnedByAppHost : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
