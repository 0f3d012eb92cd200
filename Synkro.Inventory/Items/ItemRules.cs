using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Synkro.Inventory.Items;

public static class ItemRules
{
    public const int SkuMaxLength = 64;

    /// <summary>SKUs appear in URLs (<c>/items/{sku}/levels</c>), so they keep to URL-safe characters.</summary>
    public const string SkuPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    /// <summary>The rules across fields of a create or update, as the CHECK constraints have them.</summary>
    public static IEnumerable<ValidationResult> Validate(JsonElement? attributes, decimal? price, string? currency, int? lowStock, int? overstock)
    {
        if (attributes is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            yield return new ValidationResult("Attributes must be a JSON object.", ["Attributes"]);
        }

        if (price is not null && currency is null)
        {
            yield return new ValidationResult("A price needs its currency (ISO 4217, e.g. EUR).", ["Currency"]);
        }

        if (overstock is not null && overstock <= (lowStock ?? 0))
        {
            yield return new ValidationResult("The overstock threshold must be above the low-stock threshold.", ["OverstockThreshold"]);
        }
    }
}
