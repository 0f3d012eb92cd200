using Wolverine;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Logistics.Fulfilment;

// The order process's own steps: durable local messages in logisticsdb, sent in the same
// transaction as the change that calls for them, so a crash between steps loses none.

public sealed record ChargeOrder(Guid OrderId);

public sealed record ReserveOrderStock(Guid OrderId);

public sealed record BackorderDeadlineReached(Guid OrderId);

/// <summary>What one step of an order sends: events and next steps now, deadlines later.</summary>
public sealed class OrderMessages
{
    private readonly List<object> now = [];
    private readonly List<(object Message, DateTimeOffset At)> later = [];

    public void Add(object message) => now.Add(message);

    public void Schedule(object message, DateTimeOffset at) => later.Add((message, at));

    /// <summary>For a message handler: Wolverine sends these after the handler's transaction commits.</summary>
    public OutgoingMessages ToCascade()
    {
        var outgoing = new OutgoingMessages();
        outgoing.AddRange(now);
        foreach (var (message, at) in later)
        {
            outgoing.Add(message.ScheduledAt(at));
        }

        return outgoing;
    }

    /// <summary>For an endpoint: staged in the EF outbox, saved by its SaveChanges, sent after the commit.</summary>
    public async Task StageAsync<TContext>(IDbContextOutbox<TContext> outbox)
        where TContext : Microsoft.EntityFrameworkCore.DbContext
    {
        foreach (var message in now)
        {
            await outbox.PublishAsync(message);
        }

        foreach (var (message, at) in later)
        {
            await outbox.ScheduleAsync(message, at);
        }
    }
}
