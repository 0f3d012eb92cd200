using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Logistics.Reservations;

// Logistics' copies of inventory's events: matched by name, only the fields logistics reads.

public sealed record StockReserved(Guid ReservationId, Guid OrderId, IReadOnlyList<AllocationLine> Allocations, DateTimeOffset ExpiresAt) : IntegrationEvent;

public sealed record AllocationLine(string Sku, Guid WarehouseId, int Quantity);
