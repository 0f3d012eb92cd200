using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using Wolverine.Runtime;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// The events a unit of work raises. <see cref="Add"/> only remembers them, so code deep inside a
/// transaction (a ledger, a batch writer) can raise events synchronously; the code that owns the
/// transaction calls <see cref="StageAsync"/> before SaveChanges, which hands them to Wolverine's
/// EF Core outbox (its envelope rows are saved by that SaveChanges, in the same transaction), and
/// <see cref="FlushAsync"/> after the commit, which sends them at once.
/// </summary>
public interface IEventOutbox
{
    void Add(IntegrationEvent @event);

    /// <summary>Forgets what was added: an execution strategy is about to run the unit of work again.</summary>
    void Clear();

    Task StageAsync(CancellationToken cancellationToken);

    Task FlushAsync();
}

internal sealed class EventOutbox<TContext>(IWolverineRuntime runtime, TContext db) : IEventOutbox
    where TContext : DbContext
{
    private readonly List<IntegrationEvent> raised = [];
    private DbContextOutbox<TContext>? staged;

    public void Add(IntegrationEvent @event) => raised.Add(@event);

    public void Clear()
    {
        raised.Clear();
        staged = null;
    }

    public async Task StageAsync(CancellationToken cancellationToken)
    {
        // A new Wolverine outbox per attempt: one that saw a rolled-back attempt would still hold
        // that attempt's envelopes and send them after the next commit.
        staged = new DbContextOutbox<TContext>(runtime, db, []);
        foreach (var @event in raised)
        {
            await staged.PublishAsync(@event);
        }
    }

    public async Task FlushAsync()
    {
        if (staged is { } outbox)
        {
            staged = null;
            raised.Clear();
            // Only a fast path: should this process die first, the durability agent sends the
            // committed envelopes from the table.
            await outbox.FlushOutgoingMessagesAsync();
        }
    }
}
