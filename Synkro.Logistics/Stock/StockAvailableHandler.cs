using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Data;
using Synkro.Logistics.Fulfilment;
using Synkro.Logistics.Orders;
using Wolverine;

namespace Synkro.Logistics.Stock;

/// <summary>
/// Stock came back (received, or released by another order): the backordered orders that want one of
/// its SKUs try again, oldest first. Those that still find too little go back to waiting.
/// </summary>
public static class StockAvailableHandler
{
    /// <summary>Orders retried per event; the rest wait for the next one, or their own retry.</summary>
    public const int Batch = 200;

    public static Task<OutgoingMessages> Handle(StockReceived received, LogisticsDbContext db, OrderWorkflow workflow, CancellationToken cancellationToken) =>
        RetryAsync([received.Sku], db, workflow, cancellationToken);

    public static Task<OutgoingMessages> Handle(ReservationReleased released, LogisticsDbContext db, OrderWorkflow workflow, CancellationToken cancellationToken) =>
        RetryAsync([.. released.Allocations.Select(a => a.Sku)], db, workflow, cancellationToken);

    public static Task<OutgoingMessages> Handle(ReservationExpired expired, LogisticsDbContext db, OrderWorkflow workflow, CancellationToken cancellationToken) =>
        RetryAsync([.. expired.Allocations.Select(a => a.Sku)], db, workflow, cancellationToken);

    private static async Task<OutgoingMessages> RetryAsync(string[] skus, LogisticsDbContext db, OrderWorkflow workflow, CancellationToken cancellationToken)
    {
        var waiting = await db.Orders.Include(o => o.Lines)
            .Where(o => o.Status == OrderStatus.BackOrdered && o.Lines.Any(l => skus.Contains(l.Sku)))
            .OrderBy(o => o.CreatedAt).Take(Batch)
            .ToListAsync(cancellationToken);
        var messages = new OrderMessages();
        foreach (var order in waiting)
        {
            workflow.RetryBackorder(order, messages);
        }

        return messages.ToCascade();
    }
}
