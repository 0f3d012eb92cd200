namespace Synkro.Logistics.Shipping;

/// <summary>A parcel carrier: books a shipment (idempotent by order) and reports where it is.</summary>
public interface ICarrier
{
    Task<CarrierBooking> BookAsync(Guid orderId, ShippingAddress address, string method, CancellationToken cancellationToken);
}

public sealed record CarrierBooking(string Carrier, string TrackingNumber, decimal Cost, DateTimeOffset ExpectedDelivery);

/// <summary>The built-in carrier: a tracking number from the order id (a retry books the same parcel), 2 days standard, 1 express.</summary>
public sealed class SandboxCarrier(TimeProvider clock) : ICarrier
{
    public Task<CarrierBooking> BookAsync(Guid orderId, ShippingAddress address, string method, CancellationToken cancellationToken)
    {
        var express = method == "express";
        var tracking = $"SBX{orderId.ToString("N")[^12..].ToUpperInvariant()}";
        return Task.FromResult(new CarrierBooking("sandbox", tracking, express ? 14.90m : 4.90m, clock.GetUtcNow().AddDays(express ? 1 : 2)));
    }
}
