namespace Synkro.ServiceDefaults.Messaging;

/// <summary>Settings of a service's messaging, bound from the <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    /// <summary>The durable topic exchange every Synkro event is published to, routed by event name.</summary>
    public const string Exchange = "synkro.events";

    /// <summary>This service's queue; defaults to <c>synkro.{service name}</c>.</summary>
    public string? Queue { get; set; }

    /// <summary>
    /// Waits between attempts of a failing handler, in the handler's process; after the last the
    /// message goes to the dead-letter queue. Empty here because the configuration binder appends
    /// to a list rather than replacing it.
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    public TimeSpan[] EffectiveRetryDelays =>
        RetryDelays.Count > 0 ? [.. RetryDelays] : [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    /// <summary>
    /// The quorum queue's own redelivery limit (RabbitMQ 3.10 sets none): a message that keeps
    /// crashing the consumer before it is acked is dead-lettered by the broker after this many.
    /// </summary>
    public int DeliveryLimit { get; set; } = 10;

    /// <summary>Unacked deliveries the broker keeps in flight to this service.</summary>
    public ushort Prefetch { get; set; } = 200;

    /// <summary>Messages handled at once; 1 handles the queue in its order.</summary>
    public int MaxParallelMessages { get; set; } = 8;

    /// <summary>How long handled message ids stay in the inbox to drop redeliveries.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often Wolverine's durability agent beats and polls (<c>Messaging:Durability</c>).</summary>
    public DurabilityTimings Durability { get; set; } = new();

    public string QueueName(string serviceName) => Queue ?? $"synkro.{serviceName}";
}

/// <summary>
/// The durability agent's clock. A publisher killed with committed envelopes leaves them owned by
/// its node; a live node takes them over once the dead one's heartbeat is older than
/// <see cref="StaleNodeTimeout"/> and the sweep runs. Wolverine's defaults take about a minute;
/// these send them within 5 s of the restart (docs/messaging.md), each beat and poll a small query.
/// </summary>
public sealed class DurabilityTimings
{
    /// <summary>A node's heartbeat (Wolverine's HealthCheckPollingTime); well inside <see cref="StaleNodeTimeout"/>.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan StaleNodeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the leader looks for stale nodes and hands their work to live ones.</summary>
    public TimeSpan NodeReassignment { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a node looks for envelopes no live node owns.</summary>
    public TimeSpan OrphanSweep { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often scheduled messages (backorder deadlines) are looked for.</summary>
    public TimeSpan ScheduledJobs { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>What a service consumes: <c>messaging.Subscribe&lt;StockReserved&gt;()</c> binds its queue to that event.</summary>
public sealed class MessagingSubscriptions
{
    internal List<string> EventNames { get; } = [];

    internal List<Type> LocatedServices { get; } = [];

    /// <summary>
    /// A service the container builds with a factory (a typed gRPC client): Wolverine's generated
    /// handler code cannot construct it inline, so it resolves it from the container.
    /// </summary>
    public MessagingSubscriptions Locate<TService>()
    {
        LocatedServices.Add(typeof(TService));
        return this;
    }

    public MessagingSubscriptions Subscribe<TEvent>() where TEvent : IntegrationEvent
    {
        EventNames.Add(typeof(TEvent).Name);
        return this;
    }
}
