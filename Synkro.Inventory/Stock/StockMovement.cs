namespace Synkro.Inventory.Stock;

/// <summary>
/// One entry of the append-only ledger (a trigger rejects UPDATE and DELETE): every change of a
/// level is a movement, so each of a level's quantities is the sum of its movements' deltas.
/// </summary>
public sealed class StockMovement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ItemId { get; init; }

    public Guid WarehouseId { get; init; }

    public MovementType Type { get; init; }

    public int OnHandDelta { get; init; }

    public int ReservedDelta { get; init; }

    public int IncomingDelta { get; init; }

    /// <summary>Why an adjustment was made (<see cref="ReasonCodes"/>).</summary>
    public string? ReasonCode { get; init; }

    public string? Note { get; init; }

    /// <summary>The user (or "system" for the expiry sweeper) that caused the movement.</summary>
    public required string Actor { get; init; }

    public Guid? ReservationId { get; init; }

    public Guid? TransferId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}

public enum MovementType
{
    Receipt,
    Adjustment,
    Reserve,
    Release,
    Expiry,
    Issue,
    /// <summary>At the source when a transfer ships: on hand leaves.</summary>
    TransferOut,

    /// <summary>At the destination when a transfer ships: counted as incoming.</summary>
    TransferIncoming,

    /// <summary>At the destination when a transfer is received: incoming ends, what arrived is on hand.</summary>
    TransferIn,

    /// <summary>A cancelled transfer: back on hand at the source, no longer incoming at the destination.</summary>
    TransferReturn,
}

/// <summary>The reasons an adjustment may give; "receipt" records goods received.</summary>
public static class ReasonCodes
{
    public const string Receipt = "receipt";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Receipt, "cycle_count", "damage", "shrinkage", "return", "correction", "write_off", "found",
    };
}
