using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Synkro.Inventory.Items;

public sealed record CreateItemRequest(
    [property: Required, StringLength(ItemRules.SkuMaxLength), RegularExpression(ItemRules.SkuPattern)] string? Sku,
    [property: Required, StringLength(200, MinimumLength = 1)] string? Name,
    [property: StringLength(2000)] string? Description = null,
    [property: StringLength(100)] string? Category = null,
    JsonElement? Attributes = null,
    [property: Range(0, 1_000_000_000)] decimal? Price = null,
    [property: RegularExpression("^[A-Z]{3}$")] string? Currency = null,
    [property: Range(0, int.MaxValue)] int? LowStockThreshold = null,
    [property: Range(1, int.MaxValue)] int? OverstockThreshold = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ItemRules.Validate(Attributes, Price, Currency, LowStockThreshold, OverstockThreshold);
}

/// <summary>Replaces the item's details; the SKU never changes.</summary>
public sealed record UpdateItemRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string? Name,
    [property: StringLength(2000)] string? Description = null,
    [property: StringLength(100)] string? Category = null,
    JsonElement? Attributes = null,
    [property: Range(0, 1_000_000_000)] decimal? Price = null,
    [property: RegularExpression("^[A-Z]{3}$")] string? Currency = null,
    [property: Range(0, int.MaxValue)] int? LowStockThreshold = null,
    [property: Range(1, int.MaxValue)] int? OverstockThreshold = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ItemRules.Validate(Attributes, Price, Currency, LowStockThreshold, OverstockThreshold);
}

public sealed record ItemResponse(
    Guid Id,
    string Sku,
    string Name,
    string? Description,
    string? Category,
    JsonElement? Attributes,
    decimal? Price,
    string? Currency,
    int? LowStockThreshold,
    int? OverstockThreshold,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt)
{
    public static ItemResponse From(Item item) => new(
        item.Id, item.Sku, item.Name, item.Description, item.Category,
        item.Attributes is null ? null : JsonDocument.Parse(item.Attributes).RootElement.Clone(),
        item.Price, item.Currency, item.LowStockThreshold, item.OverstockThreshold, item.CreatedAt, item.UpdatedAt, item.ArchivedAt);
}

/// <summary>A page of the list; pass <see cref="NextAfter"/> as <c>after</c> for the next one.</summary>
public sealed record ItemPage(IReadOnlyList<ItemSummary> Items, string? NextAfter);

public sealed record ItemSummary(Guid Id, string Sku, string Name, string? Category, decimal? Price, string? Currency, DateTimeOffset? ArchivedAt);

/// <summary>One warehouse's stock of an item.</summary>
public sealed record LevelResponse(Guid WarehouseId, string WarehouseCode, int OnHand, int Reserved, int Available, int Incoming, DateTimeOffset LastUpdated);
