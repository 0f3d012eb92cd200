namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Base of every integration event: a past-tense record defined by its publisher (consumers keep a
/// copy of the same name). <see cref="Id"/> is also the broker message id, which the consumer's
/// inbox uses to apply each event once, however often it is delivered.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>Handles one event type; runs inside the consumer's database transaction, with its inbox record.</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task Handle(TEvent @event, CancellationToken cancellationToken);
}

/// <summary>
/// Stages events in the current unit of work: they are written to the outbox by the next
/// SaveChanges of the service's DbContext, in the same transaction as the state change, and
/// published by the relay after commit.
/// </summary>
public interface IEventOutbox
{
    /// <param name="orderingKey">The aggregate the event belongs to (an order id, a SKU); events of one key are published in commit order.</param>
    void Add(IntegrationEvent @event, string? orderingKey = null);
}
