namespace Synkro.Inventory.Stock;

/// <summary>One change to one level, and the context its movement records.</summary>
public sealed record StockChange(
    Guid ItemId,
    Guid WarehouseId,
    MovementType Type,
    int OnHand = 0,
    int Reserved = 0,
    int Incoming = 0,
    string? ReasonCode = null,
    string? Note = null,
    Guid? ReservationId = null,
    Guid? TransferId = null);

/// <summary>A change that would break a level's rules (reserved within on hand, nothing negative).</summary>
public sealed class StockRuleViolation(string sku, Guid warehouseId, string message) : Exception(message)
{
    public string Sku { get; } = sku;

    public Guid WarehouseId { get; } = warehouseId;
}
