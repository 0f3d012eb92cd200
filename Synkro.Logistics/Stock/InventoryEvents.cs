using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Logistics.Stock;

// Logistics' copies of inventory's events: matched by name, only the fields logistics reads. Each
// means stock of a SKU may have become available to backordered orders.

public sealed record StockReceived(string Sku, Guid WarehouseId, int Quantity, int Available) : IntegrationEvent;

public sealed record ReservationReleased(Guid ReservationId, Guid OrderId, IReadOnlyList<AllocationLine> Allocations) : IntegrationEvent;

public sealed record ReservationExpired(Guid ReservationId, Guid OrderId, IReadOnlyList<AllocationLine> Allocations) : IntegrationEvent;

public sealed record AllocationLine(string Sku, Guid WarehouseId, int Quantity);
