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

    /// <summary>Real accounts, one per role, signed in through the gateway.</summary>
    public static StaffAccounts Accounts { get; private set; } = null!;

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
                // One sign-in per role lasts the whole run.
                ["Identity__AccessTokenLifetime"] = "02:00:00",
                // Short windows, so the rate-limit tests and everything else share one run without long waits.
                ["RateLimits__SignInPermits"] = "20",
                ["RateLimits__SignInWindow"] = "00:00:10",
                ["RateLimits__RequestPermits"] = "300",
                ["RateLimits__RequestWindow"] = "00:00:10",
                // Backorders give up quickly here, so the timeout test waits seconds, not weeks.
                ["Orders__BackorderTimeout"] = "00:00:15",
                // Webhook retries a second apart, not over a day; and the receivers the tests run, on
                // 127.0.0.2, are the one loopback address webhooks may reach here.
                ["Webhooks__RetryDelays__0"] = "00:00:00.5",
                ["Webhooks__RetryDelays__1"] = "00:00:00.5",
                ["Webhooks__RetryDelays__2"] = "00:00:00.5",
                ["Webhooks__RetryDelays__3"] = "00:00:00.5",
                ["Webhooks__AllowedPrivateNetworks__0"] = "127.0.0.2/32",
            },
        });
        await App.WaitForHealthyAsync(Deadlines.SystemStart);
        Accounts = new StaffAccounts(App);
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
