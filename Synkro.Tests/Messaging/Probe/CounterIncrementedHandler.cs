using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Synkro.Tests.Messaging.Probe;

/// <summary>
/// Records the receipt, a row of its own (no hot row that every handler would queue on). Wolverine
/// runs it in one transaction with the message's inbox row, so a redelivery never gets here twice.
/// </summary>
public static class CounterIncrementedHandler
{
    public static async Task Handle(CounterIncremented incremented, ProbeDbContext db, CancellationToken cancellationToken)
    {
        if (incremented.Amount < 0)
        {
            throw new InvalidOperationException($"Poison: a negative amount ({incremented.Amount}) for '{incremented.Key}'.");
        }

        // Written at once (not at Wolverine's SaveChanges), so the kill window below has a real write in it.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO probe.receipts (event_id, key, amount, trace_id) VALUES ({incremented.Id}, {incremented.Key}, {incremented.Amount}, {Activity.Current?.TraceId.ToString()})",
            cancellationToken);
        if (incremented.Key == MessagingProbe.StallKey)
        {
            // The kill window: the work is written in the open transaction, the message not yet marked handled.
            Console.WriteLine($"PROBE_STALLED {incremented.Id}");
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
