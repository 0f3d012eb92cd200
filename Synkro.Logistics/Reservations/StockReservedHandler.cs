namespace Synkro.Logistics.Reservations;

/// <summary>
/// Records the reserved order. Wolverine runs this in one transaction with the inbox row of the
/// message (AutoApplyTransactions), so a redelivered StockReserved is applied once.
/// </summary>
public static class StockReservedHandler
{
    public static void Handle(StockReserved reserved, Data.LogisticsDbContext db) =>
        db.ReservedOrders.Add(new ReservedOrder
        {
            OrderId = reserved.OrderId,
            ReservationId = reserved.ReservationId,
            Units = reserved.Allocations.Sum(a => a.Quantity),
            Warehouses = reserved.Allocations.Select(a => a.WarehouseId).Distinct().Count(),
            ExpiresAt = reserved.ExpiresAt,
            ReservedAt = reserved.OccurredAt,
        });
}
