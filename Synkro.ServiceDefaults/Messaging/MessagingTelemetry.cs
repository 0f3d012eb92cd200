using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Spans and metrics of the event bus. The W3C trace context travels in the outbox row and then in
/// the message headers, so one trace spans HTTP request → outbox → broker → consumer.
/// </summary>
internal static class MessagingTelemetry
{
    public const string Name = "Synkro.Messaging";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Published = Meter.CreateCounter<long>("synkro.messaging.published", "{event}", "Events published from the outbox and confirmed by the broker");
    public static readonly Counter<long> Consumed = Meter.CreateCounter<long>("synkro.messaging.consumed", "{event}", "Events handled and committed");
    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("synkro.messaging.duplicates", "{event}", "Deliveries the inbox had already seen");
    public static readonly Counter<long> Retried = Meter.CreateCounter<long>("synkro.messaging.retried", "{event}", "Failed handlings scheduled for another attempt");
    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("synkro.messaging.dead_lettered", "{event}", "Events given up on and dead-lettered");

    /// <summary>The context to continue: the stored traceparent, or none.</summary>
    public static ActivityContext ParentFrom(string? traceParent, string? traceState) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState, out var context) ? context : default;

    public static void RegisterBacklogGauges(OutboxBacklog backlog)
    {
        Meter.CreateObservableGauge("synkro.messaging.outbox.backlog", () => backlog.Count, "{event}", "Events committed but not yet published");
        Meter.CreateObservableGauge("synkro.messaging.outbox.age", () => backlog.OldestAge.TotalSeconds, "s", "Age of the oldest unpublished event");
    }
}

/// <summary>What the relay last saw of its outbox; read by the health check and the gauges.</summary>
public sealed class OutboxBacklog
{
    public long Count { get; set; }

    public DateTimeOffset? Oldest { get; set; }

    public DateTimeOffset? LastRelayedAt { get; set; }

    public string? LastError { get; set; }

    public TimeSpan OldestAge => Oldest is { } oldest ? DateTimeOffset.UtcNow - oldest : TimeSpan.Zero;
}
