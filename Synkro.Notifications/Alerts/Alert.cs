using System.Globalization;

namespace Synkro.Notifications.Alerts;

/// <summary>
/// One thing that happened, as notifications see it: the event's id (its Wolverine envelope, so a
/// redelivery is the same alert), its kind, when it happened, the values templates and webhook bodies
/// show, and what subscriptions filter on (a stock alert's SKU and warehouse, an order's customer).
/// </summary>
public sealed record Alert(Guid Id, string Kind, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, object?> Data, string? Sku = null, Guid? WarehouseId = null, Guid? CustomerId = null)
{
    public static Alert ForStock(Guid id, string kind, DateTimeOffset occurredAt, string sku, Guid warehouseId, int quantity, int threshold) =>
        new(id, kind, occurredAt, new Dictionary<string, object?>
        {
            ["sku"] = sku,
            ["warehouseId"] = warehouseId.ToString(),
            ["quantity"] = quantity,
            ["threshold"] = threshold,
        }, sku, warehouseId);

    public static Alert ForOrder(Guid id, DateTimeOffset occurredAt, Guid orderId, Guid customerId, string? from, string to, string? notes) =>
        new(id, EventKinds.OrderStatus, occurredAt, new Dictionary<string, object?>
        {
            ["orderId"] = orderId.ToString(),
            ["customerId"] = customerId.ToString(),
            ["from"] = from ?? "",
            ["status"] = to,
            ["notes"] = notes ?? "",
        }, CustomerId: customerId);

    /// <summary>Its SKU and warehouse filter subscriptions when all its lines share them.</summary>
    public static Alert ForReservation(Guid id, DateTimeOffset occurredAt, Guid reservationId, Guid orderId, IReadOnlyList<AllocationLine> allocations)
    {
        var lines = allocations.GroupBy(a => a.Sku).Select(g => new Dictionary<string, object?> { ["sku"] = g.Key, ["quantity"] = g.Sum(a => a.Quantity) }).ToList();
        var data = new Dictionary<string, object?>
        {
            ["reservationId"] = reservationId.ToString(),
            ["orderId"] = orderId.ToString(),
            ["lines"] = lines,
            ["units"] = allocations.Sum(a => a.Quantity),
        };
        var skus = allocations.Select(a => a.Sku).Distinct().ToList();
        var warehouses = allocations.Select(a => a.WarehouseId).Distinct().ToList();
        return new(id, EventKinds.ReservationExpired, occurredAt, data, skus.Count == 1 ? skus[0] : null, warehouses.Count == 1 ? warehouses[0] : null);
    }

    /// <summary>What a template sees: the data, the kind and the time.</summary>
    public Dictionary<string, object?> Fields() => new(Data)
    {
        ["kind"] = Kind,
        ["occurredAt"] = OccurredAt.ToString("u", CultureInfo.InvariantCulture),
    };
}
