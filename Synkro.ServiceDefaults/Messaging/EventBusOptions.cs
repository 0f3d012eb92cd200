namespace Synkro.ServiceDefaults.Messaging;

/// <summary>Settings of the event bus, bound from the <c>Messaging</c> configuration section.</summary>
public sealed class EventBusOptions
{
    /// <summary>The durable topic exchange every Synkro event is published to, routed by event name.</summary>
    public string Exchange { get; set; } = "synkro.events";

    /// <summary>This service's queue; defaults to <c>synkro.{service name}</c>.</summary>
    public string? Queue { get; set; }

    /// <summary>
    /// Waits between attempts of a failing handler; after the last, the message is dead-lettered.
    /// Empty here because the configuration binder appends to a list rather than replacing it.
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays =>
        RetryDelays.Count > 0 ? RetryDelays : [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)];

    /// <summary>
    /// The quorum queue's own redelivery limit (RabbitMQ 3.10 sets none): a message whose handling keeps
    /// crashing the consumer before it can ack or retry is dead-lettered after this many deliveries.
    /// </summary>
    public int DeliveryLimit { get; set; } = 10;

    public ushort Prefetch { get; set; } = 32;

    /// <summary>Messages handled at once. 1 keeps the queue's order for events of the same aggregate.</summary>
    public ushort ConsumerConcurrency { get; set; } = 1;

    /// <summary>Whether this process relays its outbox (a read-only replica may opt out).</summary>
    public bool RelayEnabled { get; set; } = true;

    public int RelayBatchSize { get; set; } = 500;

    /// <summary>How often the relay looks for rows without a notification (crash leftovers, other replicas).</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long processed message ids are remembered; a duplicate arriving later would be applied again.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    public string QueueName(string serviceName) => Queue ?? $"synkro.{serviceName}";
}
