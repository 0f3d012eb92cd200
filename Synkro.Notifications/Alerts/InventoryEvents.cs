using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Notifications.Alerts;

// Notifications' copies of inventory's events, matched by name. Inventory raises each threshold event
// once per crossing (a level going below the line, not every movement while it stays there).

public sealed record LowStockDetected(string Sku, Guid WarehouseId, int Available, int Threshold) : IntegrationEvent;

public sealed record OverstockDetected(string Sku, Guid WarehouseId, int OnHand, int Threshold) : IntegrationEvent;

/// <summary>A hold on stock for an order ran out before it was allocated or committed; its stock is available again.</summary>
public sealed record ReservationExpired(Guid ReservationId, Guid OrderId, IReadOnlyList<AllocationLine> Allocations) : IntegrationEvent;

public sealed record AllocationLine(string Sku, Guid WarehouseId, int Quantity);
