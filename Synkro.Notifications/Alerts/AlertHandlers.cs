using Wolverine;

namespace Synkro.Notifications.Alerts;

/// <summary>
/// Inventory's threshold and expiry events become alerts. Each runs in one transaction with its inbox row, the
/// deliveries it plans and the sends it queues (AutoApplyTransactions), so an event is planned once.
/// </summary>
public static class LowStockDetectedHandler
{
    public static Task<OutgoingMessages> Handle(LowStockDetected detected, Envelope envelope, AlertDispatcher dispatcher, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(Alert.ForStock(envelope.Id, EventKinds.LowStock, detected.OccurredAt, detected.Sku, detected.WarehouseId, detected.Available, detected.Threshold), cancellationToken);
}

public static class OverstockDetectedHandler
{
    public static Task<OutgoingMessages> Handle(OverstockDetected detected, Envelope envelope, AlertDispatcher dispatcher, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(Alert.ForStock(envelope.Id, EventKinds.Overstock, detected.OccurredAt, detected.Sku, detected.WarehouseId, detected.OnHand, detected.Threshold), cancellationToken);
}

public static class ReservationExpiredHandler
{
    public static Task<OutgoingMessages> Handle(ReservationExpired expired, Envelope envelope, AlertDispatcher dispatcher, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(Alert.ForReservation(envelope.Id, expired.OccurredAt, expired.ReservationId, expired.OrderId, expired.Allocations), cancellationToken);
}
