using System.ComponentModel.DataAnnotations;

namespace Synkro.Inventory.Warehouses;

public sealed record CreateWarehouseRequest(
    [property: Required, StringLength(32, MinimumLength = 1), RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]*$")] string? Code,
    [property: Required, StringLength(200, MinimumLength = 1)] string? Name,
    [property: StringLength(200)] string? AddressLine1 = null,
    [property: StringLength(200)] string? AddressLine2 = null,
    [property: StringLength(100)] string? City = null,
    [property: StringLength(100)] string? State = null,
    [property: StringLength(20)] string? PostalCode = null,
    [property: RegularExpression("^[A-Z]{2}$")] string? Country = null,
    [property: StringLength(200)] string? ContactName = null,
    [property: StringLength(50)] string? ContactPhone = null,
    [property: StringLength(254), EmailAddress] string? ContactEmail = null,
    bool IsActive = true,
    [property: Range(0, 10_000)] int Priority = 100);

/// <summary>Replaces the warehouse's details; the code never changes. IsActive=false stops new reservations there.</summary>
public sealed record UpdateWarehouseRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string? Name,
    [property: StringLength(200)] string? AddressLine1 = null,
    [property: StringLength(200)] string? AddressLine2 = null,
    [property: StringLength(100)] string? City = null,
    [property: StringLength(100)] string? State = null,
    [property: StringLength(20)] string? PostalCode = null,
    [property: RegularExpression("^[A-Z]{2}$")] string? Country = null,
    [property: StringLength(200)] string? ContactName = null,
    [property: StringLength(50)] string? ContactPhone = null,
    [property: StringLength(254), EmailAddress] string? ContactEmail = null,
    bool IsActive = true,
    [property: Range(0, 10_000)] int Priority = 100);

public sealed record WarehouseResponse(
    Guid Id,
    string Code,
    string Name,
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? State,
    string? PostalCode,
    string? Country,
    string? ContactName,
    string? ContactPhone,
    string? ContactEmail,
    bool IsActive,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WarehouseResponse From(Warehouse w) => new(
        w.Id, w.Code, w.Name, w.AddressLine1, w.AddressLine2, w.City, w.State, w.PostalCode, w.Country,
        w.ContactName, w.ContactPhone, w.ContactEmail, w.IsActive, w.Priority, w.CreatedAt, w.UpdatedAt);
}
