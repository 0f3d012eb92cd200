using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>Adds outbox rows to the scoped DbContext; they commit or roll back with the caller's SaveChanges.</summary>
internal sealed class EventOutbox<TContext>(TContext db) : IEventOutbox where TContext : DbContext
{
    public void Add(IntegrationEvent @event, string? orderingKey = null)
    {
        var activity = Activity.Current;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = @event.Id,
            EventType = @event.GetType().Name,
            Payload = JsonSerializer.Serialize(@event, @event.GetType(), EventSerialization.Options),
            OrderingKey = orderingKey,
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
            CreatedAt = @event.OccurredAt,
        });
    }
}

internal static class EventSerialization
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
