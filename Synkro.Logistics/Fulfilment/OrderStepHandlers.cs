using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Data;
using Synkro.Logistics.Orders;
using Wolverine;

namespace Synkro.Logistics.Fulfilment;

/// <summary>
/// The process's steps as Wolverine handlers. Each runs in one transaction with its inbox row and the
/// messages it cascades (AutoApplyTransactions), so after a crash Wolverine hands the step to a
/// running node again and the step, idempotent, does only what is left.
/// </summary>
public static class ChargeOrderHandler
{
    public static async Task<OutgoingMessages> Handle(ChargeOrder step, LogisticsDbContext db, OrderWorkflow workflow, CancellationToken cancellationToken)
    {
        var messages = new OrderMessages();
        if (await db.LoadOrderAsync(step.OrderId, cancellationToken) is { } order)
        {
            await workflow.ChargeAsync(order, messages, cancellationToken);
        }

        return messages.ToCascade();
    }
}

public static class ReserveOrderStockHandler
{
    public static async Task<OutgoingMessages> Handle(ReserveOrderStock step, LogisticsDbContext db, OrderWorkflow workflow, CancellationToken cancellationToken)
    {
        var messages = new OrderMessages();
        if (await db.LoadOrderAsync(step.OrderId, cancellationToken) is { } order)
        {
            await workflow.ReserveAsync(order, messages, cancellationToken);
        }

        return messages.ToCascade();
    }
}

public static class BackorderDeadlineReachedHandler
{
    public static async Task<OutgoingMessages> Handle(BackorderDeadlineReached step, LogisticsDbContext db, OrderWorkflow workflow, TimeProvider clock, CancellationToken cancellationToken)
    {
        var messages = new OrderMessages();
        // Stale reminders (the order was confirmed, or backordered again with the same deadline later) do nothing.
        if (await db.LoadOrderAsync(step.OrderId, cancellationToken) is { Status: OrderStatus.BackOrdered, BackorderDeadline: { } deadline } order && deadline <= clock.GetUtcNow())
        {
            await workflow.CancelAsync(order, OrderWorkflow.Process, "no stock before the backorder deadline", messages, cancellationToken);
        }

        return messages.ToCascade();
    }
}

internal static class OrderLoading
{
    public static Task<Order?> LoadOrderAsync(this LogisticsDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Orders.Include(o => o.Lines).Include(o => o.Payment).Include(o => o.Shipment).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
}
