using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Reservations;

public sealed record StockReserved(Guid ReservationId, Guid OrderId, IReadOnlyList<AllocationLine> Allocations, DateTimeOffset ExpiresAt) : IntegrationEvent;

public sealed record ReservationAllocated(Guid ReservationId, Guid OrderId, IReadOnlyList<AllocationLine> Allocations) : IntegrationEvent;

public sealed record ReservationCommitted(Guid ReservationId, Guid OrderId, IReadOnlyList<AllocationLine> Allocations) : IntegrationEvent;

public sealed record ReservationReleased(Guid ReservationId, Guid OrderId, IReadOnlyList<AllocationLine> Allocations) : IntegrationEvent;

public sealed record ReservationExpired(Guid ReservationId, Guid OrderId, IReadOnlyList<AllocationLine> Allocations) : IntegrationEvent;

/// <summary>Demand that could not be served, so forecasting sees it.</summary>
public sealed record ReservationRejected(Guid OrderId, IReadOnlyList<Shortage> Shortages) : IntegrationEvent;
