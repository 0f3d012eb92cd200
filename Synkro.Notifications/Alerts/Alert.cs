namespace Synkro.Notifications.Alerts;

/// <summary>
/// One thing that happened, as notifications see it: the event's id (its Wolverine envelope, so a
/// redelivery is the same alert), its kind, what subscriptions filter on, and the fields templates show.
/// </summary>
public sealed record Alert(Guid Id, string Kind, string Sku, Guid WarehouseId, int Quantity, int Threshold, DateTimeOffset OccurredAt)
{
    public Dictionary<string, object?> Fields() => new()
    {
        ["kind"] = Kind,
        ["sku"] = Sku,
        ["warehouseId"] = WarehouseId.ToString(),
        ["quantity"] = Quantity,
        ["threshold"] = Threshold,
        ["occurredAt"] = OccurredAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
    };
}
