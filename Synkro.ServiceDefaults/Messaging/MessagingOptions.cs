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
/// its node; <see cref="NodeLiveness"/> sees the node's database session end and hands them to the live
/// nodes, whose leader's recovery pass (every <see cref="ScheduledJobs"/>) sends them: within 5 s of a restart
/// (docs/messaging.md). Wolverine's own heartbeats remain for a node that hangs while connected.
/// </summary>
public sealed class DurabilityTimings
{
    /// <summary>A node's heartbeat (Wolverine's HealthCheckPollingTime); well inside <see cref="StaleNodeTimeout"/>.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A node that beats no more for this long is taken for dead even while its session lives.</summary>
    public TimeSpan StaleNodeTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the leader evaluates which node runs which agent.</summary>
    public TimeSpan NodeReassignment { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a node looks for envelopes owned by a node that no longer exists.</summary>
    public TimeSpan OrphanSweep { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the leader takes up envelopes that no node owns and scheduled messages that are due
    /// (Wolverine's ScheduledJobPollingTime): the hand-over's second half.
    /// </summary>
    public TimeSpan ScheduledJobs { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a live node looks for peers whose database session has ended.</summary>
    public TimeSpan LivenessCheck { get; set; } = TimeSpan.FromSeconds(5);
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
