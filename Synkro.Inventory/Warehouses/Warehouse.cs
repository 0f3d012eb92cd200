namespace Synkro.Inventory.Warehouses;

public sealed class Warehouse
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Short unique code people use ("BER-1").</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? PostalCode { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    /// <summary>Inactive warehouses keep their stock but serve no new reservations.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Allocation order of the "priority" strategy: lower serves first.</summary>
    public int Priority { get; set; } = 100;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
