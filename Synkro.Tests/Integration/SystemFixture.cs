using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration;

/// <summary>
/// Starts the whole of Synkro once per test run for every test in this namespace: real PostgreSQL,
/// RabbitMQ, Redis and every service, on random ports in a throw-away run directory.
/// </summary>
[SetUpFixture]
public sealed class SystemFixture
{
    public static TestAppHost App { get; private set; } = null!;

    public static AppHostState StartedState { get; private set; } = null!;

    /// <summary>Receives the services' telemetry, as the AppHost's dashboard will.</summary>
    public static OtlpReceiver Telemetry { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Telemetry = new OtlpReceiver();
        App = TestAppHost.Start(new TestAppHostOptions
        {
            Environment = new Dictionary<string, string>
            {
                ["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"] = Telemetry.Endpoint,
                // Inherited by the services: inventory accepts X-Test-User/X-Test-Roles until the identity issue brings JWTs.
                ["Authentication__Test__Enabled"] = "true",
            },
        });
        // Generous: on a fresh machine the first start installs the server packages.
        StartedState = await App.WaitForHealthyAsync(TimeSpan.FromMinutes(10));
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
