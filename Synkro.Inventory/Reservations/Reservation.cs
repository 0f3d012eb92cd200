namespace Synkro.Inventory.Reservations;

/// <summary>
/// Stock held for an order until it is committed (the stock leaves), released, or it expires.
/// A hold expires; once allocated (the order is confirmed) it stays until committed or released.
/// Its lines are its allocations grouped by SKU: all-or-nothing means every line is fully allocated.
/// </summary>
public sealed class Reservation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrderId { get; init; }

    public ReservationStatus Status { get; set; } = ReservationStatus.Active;

    /// <summary>The warehouse the client asked for, if any; otherwise <see cref="Strategy"/> chose.</summary>
    public Guid? RequestedWarehouseId { get; init; }

    public AllocationStrategy Strategy { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ReservationAllocation> Allocations { get; init; } = [];

    public bool IsExpiredAt(DateTimeOffset now) => Status == ReservationStatus.Active && ExpiresAt <= now;
}

/// <summary>The part of a line one warehouse serves.</summary>
public sealed class ReservationAllocation
{
    public Guid ReservationId { get; init; }

    public Guid ItemId { get; init; }

    public Guid WarehouseId { get; init; }

    public required string Sku { get; init; }

    public int Quantity { get; init; }
}

public enum ReservationStatus
{
    /// <summary>A hold: expires at <see cref="Reservation.ExpiresAt"/> unless allocated, committed or released first.</summary>
    Active,

    /// <summary>Allocated to its order: still reserved, no longer expiring.</summary>
    Allocated,
    Committed,
    Released,
    Expired,
}

public enum AllocationStrategy
{
    /// <summary>Warehouses in ascending <c>priority</c> (then code).</summary>
    Priority,

    /// <summary>The warehouse with the most available stock first.</summary>
    MostAvailable,
}
