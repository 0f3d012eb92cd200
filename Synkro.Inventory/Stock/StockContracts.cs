using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Synkro.Inventory.Items;

namespace Synkro.Inventory.Stock;

/// <summary>A signed change of on-hand stock with its reason ("receipt" for goods received).</summary>
public sealed record AdjustStockRequest(
    [property: Required, StringLength(ItemRules.SkuMaxLength), RegularExpression(ItemRules.SkuPattern)] string? Sku,
    [property: Required] Guid? WarehouseId,
    [property: Range(-1_000_000, 1_000_000)] int Quantity,
    [property: Required] string? ReasonCode,
    [property: StringLength(500)] string? Note = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Quantity == 0)
        {
            yield return new ValidationResult("The quantity must not be zero.", [nameof(Quantity)]);
        }

        if (ReasonCode is not null && !ReasonCodes.All.Contains(ReasonCode))
        {
            yield return new ValidationResult($"Unknown reason code; use one of: {string.Join(", ", ReasonCodes.All.Order())}.", [nameof(ReasonCode)]);
        }

        if (ReasonCode == ReasonCodes.Receipt && Quantity < 0)
        {
            yield return new ValidationResult("A receipt adds stock; its quantity must be positive.", [nameof(Quantity)]);
        }
    }
}

public sealed record MovementResponse(
    Guid Id,
    string Sku,
    Guid WarehouseId,
    MovementType Type,
    int OnHandDelta,
    int ReservedDelta,
    int IncomingDelta,
    string? ReasonCode,
    string? Note,
    string Actor,
    Guid? ReservationId,
    Guid? TransferId,
    DateTimeOffset OccurredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LevelSnapshot? Level = null)
{
    public static MovementResponse From(StockMovement m, string sku, LevelSnapshot? level = null) => new(
        m.Id, sku, m.WarehouseId, m.Type, m.OnHandDelta, m.ReservedDelta, m.IncomingDelta, m.ReasonCode, m.Note, m.Actor, m.ReservationId, m.TransferId, m.OccurredAt, level);
}

/// <summary>The level right after a movement.</summary>
public sealed record LevelSnapshot(int OnHand, int Reserved, int Available, int Incoming)
{
    public static LevelSnapshot Of(StockLevel level) => new(level.OnHand, level.Reserved, level.OnHand - level.Reserved, level.Incoming);
}
