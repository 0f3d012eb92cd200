namespace Synkro.Logistics.Customers;

/// <summary>Who orders: contact details, and the <c>customer</c> account that owns them, if any.</summary>
public sealed class Customer
{
    public Guid Id { get; set; }

    /// <summary>The <c>sub</c> of the customer's account; null for a customer staff created.</summary>
    public string? UserId { get; set; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string? Phone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
