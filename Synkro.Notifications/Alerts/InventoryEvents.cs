using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Notifications.Alerts;

// Notifications' copies of inventory's threshold events, matched by name. Inventory raises each once
// per crossing (a level going below the line, not every movement while it stays there).

public sealed record LowStockDetected(string Sku, Guid WarehouseId, int Available, int Threshold) : IntegrationEvent;

public sealed record OverstockDetected(string Sku, Guid WarehouseId, int OnHand, int Threshold) : IntegrationEvent;
