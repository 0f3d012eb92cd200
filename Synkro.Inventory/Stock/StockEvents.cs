using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Stock;

public sealed record StockAdjusted(Guid MovementId, string Sku, Guid WarehouseId, int Quantity, string ReasonCode, int OnHand, int Available, string Actor) : IntegrationEvent;

public sealed record StockReceived(Guid MovementId, string Sku, Guid WarehouseId, int Quantity, int OnHand, int Available) : IntegrationEvent;

public sealed record LowStockDetected(string Sku, Guid WarehouseId, int Available, int Threshold) : IntegrationEvent;

public sealed record OverstockDetected(string Sku, Guid WarehouseId, int OnHand, int Threshold) : IntegrationEvent;
