namespace Synkro.Web.Api;

// The web app's own copies of what Inventory answers (it references no service's project). Only the
// fields the pages show; unknown fields are ignored, so Inventory may add some freely.

public sealed record ItemPage(IReadOnlyList<ItemSummary> Items, string? NextAfter);

public sealed record ItemSummary(Guid Id, string Sku, string Name, string? Category, decimal? Price, string? Currency, DateTimeOffset? ArchivedAt);

public sealed record Item(
    Guid Id, string Sku, string Name, string? Description, string? Category, decimal? Price, string? Currency,
    int? LowStockThreshold, int? OverstockThreshold, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ArchivedAt);

public sealed record Level(Guid WarehouseId, string WarehouseCode, int OnHand, int Reserved, int Available, int Incoming, DateTimeOffset LastUpdated);

public sealed record Movement(
    Guid Id, string Sku, Guid WarehouseId, string Type, int OnHandDelta, int ReservedDelta, int IncomingDelta,
    string? ReasonCode, string? Note, string Actor, Guid? ReservationId, Guid? TransferId, DateTimeOffset OccurredAt);

public sealed record Warehouse(Guid Id, string Code, string Name, bool IsActive);

public sealed record Transfer(Guid Id, string Sku, Guid FromWarehouseId, Guid ToWarehouseId, int Quantity, int? ReceivedQuantity, string Status, string? Note, string ShippedBy, DateTimeOffset ShippedAt);

public sealed record NewTransfer(string Sku, Guid FromWarehouseId, Guid ToWarehouseId, int Quantity, string? Note);

public sealed record StockSummary(long Items, long UnitsOnHand, IReadOnlyList<StockValue> StockValue, long BelowLowStock, long OpenReservations);

public sealed record StockValue(string Currency, decimal Amount);

public sealed record Adjustment(string Sku, Guid WarehouseId, int Quantity, string ReasonCode, string? Note);

/// <summary>The reason codes Inventory accepts for an adjustment ("receipt" records goods received).</summary>
public static class ReasonCodes
{
    public static readonly string[] All = ["receipt", "cycle_count", "damage", "shrinkage", "return", "correction", "write_off", "found"];
}
