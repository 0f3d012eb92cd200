namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Base of every integration event: a past-tense, one-line record defined by its publisher; each
/// consumer keeps its own copy of the same name. On the wire the event is named by its type's short
/// name (<see cref="IntegrationEventNaming"/>), so the copies match whatever their namespaces.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
