namespace Synkro.Logistics.Shipping;

public enum ShipmentStatus
{
    Pending,
    InTransit,
    Delivered,
}

public sealed record ShippingAddress(string Recipient, string Line1, string? Line2, string PostalCode, string City, string Country);

/// <summary>Where the order goes, how, and the carrier's record of it.</summary>
public sealed class Shipment
{
    public Guid OrderId { get; set; }

    public ShippingAddress Address { get; set; } = null!;

    public string Method { get; set; } = "standard";

    public ShipmentStatus Status { get; set; }

    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    public decimal? Cost { get; set; }

    public DateTimeOffset? ExpectedDelivery { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
