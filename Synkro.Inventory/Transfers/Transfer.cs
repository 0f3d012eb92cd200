namespace Synkro.Inventory.Transfers;

/// <summary>
/// Stock moving between two warehouses. Shipping takes it off the source's on-hand and counts it as
/// incoming at the destination; receiving books what actually arrived (the difference is the
/// variance); cancelling while in transit puts it back at the source.
/// </summary>
public sealed class Transfer
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ItemId { get; init; }

    public required string Sku { get; init; }

    public Guid FromWarehouseId { get; init; }

    public Guid ToWarehouseId { get; init; }

    public int Quantity { get; init; }

    public int? ReceivedQuantity { get; set; }

    /// <summary>Received minus shipped: negative when goods were lost on the way.</summary>
    public int? Variance => ReceivedQuantity - Quantity;

    public TransferStatus Status { get; set; } = TransferStatus.InTransit;

    public string? Note { get; set; }

    public required string ShippedBy { get; init; }

    public DateTimeOffset ShippedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }
}

public enum TransferStatus
{
    InTransit,
    Received,
    Cancelled,
}
