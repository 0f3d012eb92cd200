namespace Synkro.ServiceDefaults.Messaging;

/// <summary>A row of <c>messaging.outbox</c>: an event committed with a state change, waiting to be (or already) published.</summary>
public sealed class OutboxMessage
{
    /// <summary>Commit-ordered position; the relay publishes in this order.</summary>
    public long Sequence { get; set; }

    public Guid Id { get; set; }

    public required string EventType { get; set; }

    public required string Payload { get; set; }

    public string? OrderingKey { get; set; }

    /// <summary>W3C trace context of the work that raised the event, so the trace continues through the broker.</summary>
    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
