using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Synkro.Tests.Messaging.Probe;

/// <summary>
/// Records the receipt and adds to the running total. Wolverine runs it in one transaction with the
/// message's inbox row, so a redelivery finds the row and never gets here twice.
/// </summary>
public static class CounterIncrementedHandler
{
    public static async Task Handle(CounterIncremented incremented, ProbeDbContext db, CancellationToken cancellationToken)
    {
        if (incremented.Amount < 0)
        {
            throw new InvalidOperationException($"Poison: a negative amount ({incremented.Amount}) for '{incremented.Key}'.");
        }

        db.Receipts.Add(new ReceivedIncrement { EventId = incremented.Id, Key = incremented.Key, Amount = incremented.Amount, TraceId = Activity.Current?.TraceId.ToString() });
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO probe.counters (key, total) VALUES ({incremented.Key}, {incremented.Amount}) ON CONFLICT (key) DO UPDATE SET total = probe.counters.total + EXCLUDED.total",
            cancellationToken);
        if (incremented.Key == MessagingProbe.StallKey)
        {
            // The kill window: the work is written in the open transaction, the message not yet marked handled.
            Console.WriteLine($"PROBE_STALLED {incremented.Id}");
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
