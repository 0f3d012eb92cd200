using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Tests.Messaging.Probe;

/// <summary>Records the receipt and adds to the running total, inside the inbox's transaction.</summary>
public sealed class CounterIncrementedHandler(ProbeDbContext db) : IIntegrationEventHandler<CounterIncremented>
{
    public async Task Handle(CounterIncremented @event, CancellationToken cancellationToken)
    {
        if (@event.Amount < 0)
        {
            throw new InvalidOperationException($"Poison: a negative amount ({@event.Amount}) for '{@event.Key}'.");
        }

        db.Receipts.Add(new ReceivedIncrement { EventId = @event.Id, Key = @event.Key, Amount = @event.Amount, TraceId = Activity.Current?.TraceId.ToString() });
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO probe.counters (key, total) VALUES ({@event.Key}, {@event.Amount}) ON CONFLICT (key) DO UPDATE SET total = probe.counters.total + EXCLUDED.total",
            cancellationToken);
    }
}
