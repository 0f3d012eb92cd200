using System.ComponentModel.DataAnnotations;
using Synkro.Inventory.Http;
using Synkro.Inventory.Items;

namespace Synkro.Inventory.Reservations;

/// <summary>CheckAndReserveStock: hold every line for the order, or nothing.</summary>
public sealed record ReserveStockRequest(
    [property: Required, NotEmpty] Guid? OrderId,
    [property: Required, MinLength(1), MaxLength(ReservationRules.MaxLines)] List<RequestedLine>? Lines,
    [property: Range(1, ReservationRules.MaxTtlSeconds)] int? TtlSeconds = null,
    Guid? WarehouseId = null,
    AllocationStrategy? Strategy = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var duplicates = (Lines ?? []).GroupBy(l => l.Sku, StringComparer.Ordinal).Where(g => g.Key is not null && g.Count() > 1).Select(g => g.Key);
        foreach (var sku in duplicates)
        {
            yield return new ValidationResult($"SKU {sku} appears on more than one line; give its total once.", [nameof(Lines)]);
        }
    }
}

public sealed record RequestedLine(
    [property: Required, StringLength(ItemRules.SkuMaxLength), RegularExpression(ItemRules.SkuPattern)] string? Sku,
    [property: Range(1, 1_000_000)] int Quantity);

public sealed record ReservationResponse(
    Guid Id,
    Guid OrderId,
    ReservationStatus Status,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<AllocationLine> Allocations)
{
    public static ReservationResponse From(Reservation reservation) => new(
        reservation.Id, reservation.OrderId, reservation.Status, reservation.ExpiresAt, reservation.CreatedAt, reservation.UpdatedAt,
        [.. reservation.Allocations.Select(a => new AllocationLine(a.Sku, a.WarehouseId, a.Quantity))]);
}

/// <summary>The part of a line a warehouse serves.</summary>
public sealed record AllocationLine(string Sku, Guid WarehouseId, int Quantity);

/// <summary>Why a line could not be held: how much was asked for and how much was available to it.</summary>
public sealed record Shortage(string Sku, int Requested, int Available);
