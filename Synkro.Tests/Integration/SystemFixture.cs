using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration;

/// <summary>
/// Starts the whole of Synkro once per test run for every test in this namespace, through
/// Aspire.Hosting.Testing: real PostgreSQL, RabbitMQ, Redis and every service, on ports DCP picks,
/// in a throw-away run directory.
/// </summary>
[SetUpFixture]
public sealed class SystemFixture
{
    public static SynkroApp App { get; private set; } = null!;

    /// <summary>Receives the services' telemetry, in place of the dashboard that tests run without.</summary>
    public static OtlpReceiver Telemetry { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Telemetry = new OtlpReceiver();
        App = await SynkroApp.StartAsync(new SynkroAppOptions
        {
            ProjectEnvironment = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                // Inventory accepts X-Test-User/X-Test-Roles until the identity issue brings JWTs.
                ["Authentication__Test__Enabled"] = "true",
            },
        });
        // Generous: on a fresh machine the first start installs the server packages.
        await App.WaitForHealthyAsync(TimeSpan.FromMinutes(4));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        Telemetry?.Dispose();
    }
}
