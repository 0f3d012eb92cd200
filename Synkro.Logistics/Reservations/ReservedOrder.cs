namespace Synkro.Logistics.Reservations;

/// <summary>An order whose stock inventory has reserved: what logistics will pick and ship from.</summary>
public sealed class ReservedOrder
{
    public Guid OrderId { get; set; }

    public Guid ReservationId { get; set; }

    public int Units { get; set; }

    public int Warehouses { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset ReservedAt { get; set; }
}
