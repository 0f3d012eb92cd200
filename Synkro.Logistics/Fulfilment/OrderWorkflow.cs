using Microsoft.Extensions.Options;
using Synkro.Logistics.Orders;
using Synkro.Logistics.Payments;
using Synkro.Logistics.Shipping;
using Synkro.Logistics.Stock;

namespace Synkro.Logistics.Fulfilment;

/// <summary>
/// Every step of an order's life, each idempotent: it looks at the order's state, does only what is
/// left, moves the order on through the state machine (with its history row and OrderStatusChanged),
/// and says what is to happen next. The message handlers and the staff endpoints both run these, in a
/// transaction with the messages they stage, so a step either happened with its consequences or not.
/// The calls out (payment provider, carrier, Inventory) are keyed by the order, so a step repeated
/// after a crash repeats none of them in effect.
/// </summary>
public sealed class OrderWorkflow(IPaymentProvider payments, ICarrier carrier, InventoryStock stock, TimeProvider clock, IOptions<OrderOptions> options)
{
    /// <summary>The actor recorded for what the process does by itself.</summary>
    public const string Process = "logistics";

    public async Task ChargeAsync(Order order, OrderMessages messages, CancellationToken cancellationToken)
    {
        if (order.Status == OrderStatus.Created)
        {
            Move(order, OrderStatus.Processing, Process, messages, "payment started");
        }

        if (order.Status != OrderStatus.Processing || order.Payment is not { Status: PaymentStatus.Pending } payment)
        {
            return; // a redelivery of a step already done
        }

        var result = await payments.ChargeAsync(payment.CardToken, order.TotalAmount, order.Currency, $"charge:{order.Id}", cancellationToken);
        payment.TransactionId = result.TransactionId;
        payment.ProcessedAt = clock.GetUtcNow();
        messages.Add(new PaymentProcessed(order.Id, result.Approved, order.TotalAmount, order.Currency, result.TransactionId, result.DeclineReason));
        if (result.Approved)
        {
            payment.Status = PaymentStatus.Captured;
            Move(order, OrderStatus.ReservingStock, Process, messages, "payment captured");
            messages.Add(new ReserveOrderStock(order.Id));
        }
        else
        {
            payment.Status = PaymentStatus.Declined;
            payment.DeclineReason = result.DeclineReason;
            var reason = $"payment declined ({result.DeclineReason})";
            Move(order, OrderStatus.Cancelled, Process, messages, reason);
            messages.Add(new OrderCancelled(order.Id, order.CustomerId, reason, Refunded: false));
        }
    }

    public async Task ReserveAsync(Order order, OrderMessages messages, CancellationToken cancellationToken)
    {
        if (order.Status != OrderStatus.ReservingStock)
        {
            return;
        }

        var outcome = await stock.ReserveAsync(order, options.Value.ReservationTtl, cancellationToken);
        while (outcome.ReservationId is { } held && !await stock.AllocateAsync(held, cancellationToken))
        {
            // The step ran again after its hold expired (the process was down longer than the TTL): the
            // stock went back, so hold again under a new key. A crash here is safe too: the next run finds
            // the expired hold under the old key again, and the new one under the next.
            order.ReservationAttempts++;
            outcome = await stock.ReserveAsync(order, options.Value.ReservationTtl, cancellationToken);
        }

        if (outcome.ReservationId is { } reservation)
        {
            order.ReservationId = reservation;
            order.BackorderDeadline = null;
            Move(order, OrderStatus.Confirmed, Process, messages, "stock reserved and allocated");
            return;
        }

        // The deadline is set once, at the first backorder: retries do not extend it.
        order.BackorderDeadline ??= clock.GetUtcNow() + options.Value.BackorderTimeout;
        Move(order, OrderStatus.BackOrdered, Process, messages, $"short of {string.Join(", ", outcome.Shortages)}");
        messages.Schedule(new BackorderDeadlineReached(order.Id), order.BackorderDeadline.Value);
    }

    /// <summary>Stock came in for a backordered order: ask again, under a new key (the refusal is remembered under the old).</summary>
    public void RetryBackorder(Order order, OrderMessages messages)
    {
        if (order.Status != OrderStatus.BackOrdered)
        {
            return;
        }

        order.ReservationAttempts++;
        Move(order, OrderStatus.ReservingStock, Process, messages, "stock available: reserving again");
        messages.Add(new ReserveOrderStock(order.Id));
    }

    public async Task ShipAsync(Order order, string actor, string? notes, OrderMessages messages, CancellationToken cancellationToken)
    {
        Require(order, OrderStatus.Shipped);
        var shipment = order.Shipment!;
        await stock.CommitAsync(order.ReservationId!.Value, cancellationToken);
        var booking = await carrier.BookAsync(order.Id, shipment.Address, shipment.Method, cancellationToken);
        (shipment.Carrier, shipment.TrackingNumber, shipment.Cost, shipment.ExpectedDelivery) = (booking.Carrier, booking.TrackingNumber, booking.Cost, booking.ExpectedDelivery);
        shipment.Status = ShipmentStatus.InTransit;
        shipment.ShippedAt = clock.GetUtcNow();
        order.TrackingNumber = booking.TrackingNumber;
        Move(order, OrderStatus.Shipped, actor, messages, notes ?? $"{booking.Carrier} {booking.TrackingNumber}");
        messages.Add(new ShipmentCreated(order.Id, booking.Carrier, booking.TrackingNumber, booking.ExpectedDelivery));
    }

    public void Deliver(Order order, string actor, string? notes, OrderMessages messages)
    {
        Require(order, OrderStatus.Delivered);
        order.Shipment!.Status = ShipmentStatus.Delivered;
        order.Shipment.DeliveredAt = clock.GetUtcNow();
        Move(order, OrderStatus.Delivered, actor, messages, notes);
        messages.Add(new OrderDelivered(order.Id, order.CustomerId, order.Shipment.DeliveredAt.Value));
    }

    /// <summary>Releases held stock and refunds a captured payment, then cancels.</summary>
    public async Task CancelAsync(Order order, string actor, string reason, OrderMessages messages, CancellationToken cancellationToken)
    {
        Require(order, OrderStatus.Cancelled);
        if (order.Status == OrderStatus.Confirmed && order.ReservationId is { } reservation)
        {
            await stock.ReleaseAllocationAsync(reservation, cancellationToken);
        }

        var refunded = false;
        if (order.Payment is { Status: PaymentStatus.Captured, TransactionId: { } transaction } payment)
        {
            payment.RefundId = await payments.RefundAsync(transaction, payment.Amount, payment.Currency, $"refund:{order.Id}", cancellationToken);
            payment.Status = PaymentStatus.Refunded;
            refunded = true;
        }

        order.BackorderDeadline = null;
        Move(order, OrderStatus.Cancelled, actor, messages, reason);
        messages.Add(new OrderCancelled(order.Id, order.CustomerId, reason, refunded));
    }

    private static void Require(Order order, OrderStatus to)
    {
        if (!OrderStateMachine.Allows(order.Status, to))
        {
            throw new IllegalTransition(order.Id, order.Status, to);
        }
    }

    private void Move(Order order, OrderStatus to, string actor, OrderMessages messages, string? notes)
    {
        var change = order.MoveTo(to, actor, clock.GetUtcNow(), notes);
        messages.Add(new OrderStatusChanged(order.Id, order.CustomerId, change.From?.ToString(), to.ToString(), actor, notes));
    }
}
