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

    /// <summary>What a template sees: the data, the kind and the time.</summary>
    public Dictionary<string, object?> Fields() => new(Data)
    {
        ["kind"] = Kind,
        ["occurredAt"] = OccurredAt.ToString("u", CultureInfo.InvariantCulture),
    };
}
