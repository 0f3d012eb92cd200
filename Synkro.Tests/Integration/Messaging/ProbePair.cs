using Synkro.Tests.Messaging;

namespace Synkro.Tests.Integration.Messaging;

/// <summary>A publishing and a consuming probe service, each with its own new database, on the shared system's broker.</summary>
public sealed class ProbePair : IAsyncDisposable
{
    private ProbePair(string name, string publisherDatabase, string consumerDatabase, ProbeProcess publisher, ProbeProcess consumer)
    {
        Name = name;
        PublisherDatabase = publisherDatabase;
        ConsumerDatabase = consumerDatabase;
        Publisher = publisher;
        Consumer = consumer;
    }

    public string Name { get; }

    public string PublisherDatabase { get; }

    public string ConsumerDatabase { get; }

    public ProbeProcess Publisher { get; private set; }

    public ProbeProcess Consumer { get; private set; }

    /// <summary>The consumer's queue (AddMessaging names it after the service).</summary>
    public string ConsumerQueue => $"synkro.{Name}-consumer";

    public static async Task<ProbePair> StartAsync(IReadOnlyDictionary<string, string>? consumerSettings = null, IReadOnlyDictionary<string, string>? publisherSettings = null)
    {
        var app = SystemFixture.App;
        var name = $"probe{Guid.NewGuid().ToString("N")[..8]}";
        var publisherDatabase = await ProbeProcess.CreateDatabaseAsync(app, $"{name}_publisher");
        var consumerDatabase = await ProbeProcess.CreateDatabaseAsync(app, $"{name}_consumer");
        // The consumer first, so its queue is bound before anything is published.
        var consumer = await ProbeProcess.StartAsync(app, $"{name}-consumer", consumerDatabase, subscribe: true, WithTelemetry(consumerSettings));
        await WaitForQueueAsync($"synkro.{name}-consumer");
        var publisher = await ProbeProcess.StartAsync(app, $"{name}-publisher", publisherDatabase, subscribe: false, WithTelemetry(publisherSettings));
        return new ProbePair(name, publisherDatabase, consumerDatabase, publisher, consumer);
    }

    /// <summary>Replaces the publisher with a new process on the same database (after a kill).</summary>
    public async Task RestartPublisherAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        await Publisher.DisposeAsync();
        Publisher = await ProbeProcess.StartAsync(SystemFixture.App, $"{Name}-publisher", PublisherDatabase, subscribe: false, WithTelemetry(settings));
    }

    /// <summary>Replaces the consumer with a new process on the same database and queue (after a kill).</summary>
    public async Task RestartConsumerAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        await Consumer.DisposeAsync();
        Consumer = await ProbeProcess.StartAsync(SystemFixture.App, $"{Name}-consumer", ConsumerDatabase, subscribe: true, WithTelemetry(settings));
    }

    private static Dictionary<string, string> WithTelemetry(IReadOnlyDictionary<string, string>? settings)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = SystemFixture.Telemetry.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        };
        return all;
    }

    /// <summary>The consumer declares its queue once its schema is ready; publishing before that would route nowhere.</summary>
    private static async Task WaitForQueueAsync(string queue)
    {
        await using var broker = await BrokerClient.ConnectAsync(SystemFixture.App.GetConnectionString(ResourceNames.Messaging));
        await broker.WaitForQueueAsync(queue, TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await Publisher.DisposeAsync();
        await Consumer.DisposeAsync();
    }
}
