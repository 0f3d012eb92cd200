using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Synkro.Inventory.Items;
using Synkro.Inventory.Reservations;
using Synkro.Inventory.Stock;
using Proto = Synkro.Protos.Inventory.V1;

namespace Synkro.Inventory.Grpc;

/// <summary>Between the proto messages and the REST contracts the handlers take and answer.</summary>
internal static class ProtoMapping
{
    public static Proto.Item ToProto(this ItemResponse item) => new()
    {
        Id = item.Id.ToString(),
        Sku = item.Sku,
        Name = item.Name,
        Description = item.Description,
        Category = item.Category,
        AttributesJson = item.Attributes?.GetRawText(),
        Price = Money(item.Price, item.Currency),
        LowStockThreshold = item.LowStockThreshold,
        OverstockThreshold = item.OverstockThreshold,
        CreatedAt = Timestamp.FromDateTimeOffset(item.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(item.UpdatedAt),
        ArchivedAt = item.ArchivedAt is { } archived ? Timestamp.FromDateTimeOffset(archived) : null,
    };

    public static Proto.ItemSummary ToProto(this ItemSummary item) => new()
    {
        Id = item.Id.ToString(),
        Sku = item.Sku,
        Name = item.Name,
        Category = item.Category,
        Price = Money(item.Price, item.Currency),
        ArchivedAt = item.ArchivedAt is { } archived ? Timestamp.FromDateTimeOffset(archived) : null,
    };

    public static Proto.InventoryLevel ToProto(this LevelResponse level) => new()
    {
        WarehouseId = level.WarehouseId.ToString(),
        WarehouseCode = level.WarehouseCode,
        OnHand = level.OnHand,
        Reserved = level.Reserved,
        Available = level.Available,
        Incoming = level.Incoming,
        LastUpdated = Timestamp.FromDateTimeOffset(level.LastUpdated),
    };

    public static Proto.Reservation ToProto(this ReservationResponse reservation) => new()
    {
        Id = reservation.Id.ToString(),
        OrderId = reservation.OrderId.ToString(),
        Status = reservation.Status switch
        {
            ReservationStatus.Active => Proto.ReservationStatus.Active,
            ReservationStatus.Allocated => Proto.ReservationStatus.Allocated,
            ReservationStatus.Committed => Proto.ReservationStatus.Committed,
            ReservationStatus.Released => Proto.ReservationStatus.Released,
            _ => Proto.ReservationStatus.Expired,
        },
        ExpiresAt = Timestamp.FromDateTimeOffset(reservation.ExpiresAt),
        Allocations = { reservation.Allocations.Select(a => new Proto.Allocation { Sku = a.Sku, WarehouseId = a.WarehouseId.ToString(), Quantity = a.Quantity }) },
    };

    public static CreateItemRequest ToCreate(this Proto.CreateItemRequest request, ArgumentErrors errors)
    {
        var fields = request.Fields ?? new Proto.ItemFields();
        return new(Blank(request.Sku), Blank(fields.Name), fields.Description, fields.Category, errors.Json("fields.attributes_json", fields.AttributesJson),
            errors.Amount("fields.price.amount", fields.Price), Blank(fields.Price?.Currency), fields.LowStockThreshold, fields.OverstockThreshold);
    }

    public static UpdateItemRequest ToUpdate(this Proto.ItemFields? fields, ArgumentErrors errors)
    {
        fields ??= new Proto.ItemFields();
        return new(Blank(fields.Name), fields.Description, fields.Category, errors.Json("fields.attributes_json", fields.AttributesJson),
            errors.Amount("fields.price.amount", fields.Price), Blank(fields.Price?.Currency), fields.LowStockThreshold, fields.OverstockThreshold);
    }

    public static AdjustStockRequest ToAdjust(this Proto.AdjustInventoryRequest request, ArgumentErrors errors) =>
        new(Blank(request.Sku), errors.OptionalGuid("warehouse_id", request.WarehouseId), request.Quantity, Blank(request.ReasonCode), request.Note);

    public static ReserveStockRequest ToReserve(this Proto.StockReservationRequest request, ArgumentErrors errors) => new(
        errors.OptionalGuid("order_id", request.OrderId),
        [.. request.Lines.Select(l => new RequestedLine(Blank(l.Sku), l.Quantity))],
        request.TtlSeconds == 0 ? null : request.TtlSeconds,
        string.IsNullOrEmpty(request.WarehouseId) ? null : errors.OptionalGuid("warehouse_id", request.WarehouseId));

    private static Proto.Money? Money(decimal? amount, string? currency) =>
        amount is { } value ? new Proto.Money { Amount = value.ToString(CultureInfo.InvariantCulture), Currency = currency ?? "" } : null;

    // proto3 strings have no null: an empty one is "not given", as a missing JSON property is.
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>What could not even be read from a request (a malformed id, amount or JSON), reported with the validation errors.</summary>
internal sealed class ArgumentErrors
{
    private readonly Dictionary<string, string[]> errors = [];

    public Guid Guid(string field, string value)
    {
        if (System.Guid.TryParse(value, out var id))
        {
            return id;
        }

        errors[field] = ["must be a UUID."];
        return default;
    }

    /// <summary>Empty stays null, so that a required field reports "required" as in REST.</summary>
    public Guid? OptionalGuid(string field, string value) => string.IsNullOrEmpty(value) ? null : Guid(field, value);

    public JsonElement? Json(string field, string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            errors[field] = ["must be a JSON object."];
            return null;
        }
    }

    public decimal? Amount(string field, Proto.Money? money)
    {
        if (money is null)
        {
            return null;
        }

        if (decimal.TryParse(money.Amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        errors[field] = ["must be a decimal number such as \"12.50\"."];
        return null;
    }

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw GrpcErrors.Invalid(errors);
        }
    }
}
