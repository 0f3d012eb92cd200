using System.ComponentModel.DataAnnotations;
using Synkro.Inventory.Items;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Transfers;

/// <summary>Ships stock from one warehouse to another; it is in transit until received or cancelled.</summary>
public sealed record ShipTransferRequest(
    [property: Required, StringLength(ItemRules.SkuMaxLength), RegularExpression(ItemRules.SkuPattern)] string? Sku,
    [property: Required] Guid? FromWarehouseId,
    [property: Required] Guid? ToWarehouseId,
    [property: Range(1, 1_000_000)] int Quantity,
    [property: StringLength(500)] string? Note = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FromWarehouseId is not null && FromWarehouseId == ToWarehouseId)
        {
            yield return new ValidationResult("A transfer goes between two different warehouses.", [nameof(ToWarehouseId)]);
        }
    }
}

/// <summary>What actually arrived; a difference from what was shipped is the variance.</summary>
public sealed record ReceiveTransferRequest([property: Range(0, 1_000_000)] int ReceivedQuantity, [property: StringLength(500)] string? Note = null);

public sealed record TransferResponse(
    Guid Id,
    string Sku,
    Guid FromWarehouseId,
    Guid ToWarehouseId,
    int Quantity,
    int? ReceivedQuantity,
    int? Variance,
    TransferStatus Status,
    string? Note,
    string ShippedBy,
    DateTimeOffset ShippedAt,
    string? ClosedBy,
    DateTimeOffset? ClosedAt)
{
    public static TransferResponse From(Transfer t) => new(
        t.Id, t.Sku, t.FromWarehouseId, t.ToWarehouseId, t.Quantity, t.ReceivedQuantity, t.Variance, t.Status, t.Note, t.ShippedBy, t.ShippedAt, t.ClosedBy, t.ClosedAt);
}

public sealed record TransferShipped(Guid TransferId, string Sku, Guid FromWarehouseId, Guid ToWarehouseId, int Quantity) : IntegrationEvent;

public sealed record TransferReceived(Guid TransferId, string Sku, Guid FromWarehouseId, Guid ToWarehouseId, int Quantity, int ReceivedQuantity, int Variance) : IntegrationEvent;

public sealed record TransferCancelled(Guid TransferId, string Sku, Guid FromWarehouseId, Guid ToWarehouseId, int Quantity) : IntegrationEvent;
