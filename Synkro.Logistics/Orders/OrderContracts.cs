using System.ComponentModel.DataAnnotations;
using Synkro.Logistics.Payments;
using Synkro.Logistics.Shipping;

namespace Synkro.Logistics.Orders;

/// <summary>
/// A new order. Staff name the customer; a customer orders for themselves (customerId is ignored).
/// Names and prices come from Inventory's catalogue, not from the caller.
/// </summary>
public sealed record CreateOrderRequest(
    [property: Required, MinLength(1), MaxLength(OrderRules.MaxLines)] List<OrderLineRequest>? Lines,
    [property: Required] PaymentRequest? Payment,
    [property: Required] ShippingRequest? Shipping,
    Guid? CustomerId = null,
    [property: StringLength(1000)] string? Notes = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var sku in (Lines ?? []).GroupBy(l => l.Sku, StringComparer.Ordinal).Where(g => g.Key is not null && g.Count() > 1).Select(g => g.Key))
        {
            yield return new ValidationResult($"SKU {sku} appears on more than one line; give its total once.", [nameof(Lines)]);
        }
    }
}

public sealed record OrderLineRequest(
    [property: Required, StringLength(64), RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]*$")] string? Sku,
    [property: Range(1, OrderRules.MaxQuantity)] int Quantity);

/// <summary>The card is handed to the payment provider for a token at once; only the token and last four digits are kept.</summary>
public sealed record PaymentRequest([property: Required, CreditCard] string? CardNumber);

public sealed record ShippingRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string? Recipient,
    [property: Required, StringLength(200, MinimumLength = 1)] string? Line1,
    [property: Required, StringLength(20, MinimumLength = 1)] string? PostalCode,
    [property: Required, StringLength(100, MinimumLength = 1)] string? City,
    [property: Required, RegularExpression("^[A-Z]{2}$")] string? Country,
    [property: StringLength(200)] string? Line2 = null,
    [property: RegularExpression("^(standard|express)$")] string? Method = null);

/// <summary>The design's UpdateOrderStatus: the staff actions by their target (Shipped, Delivered, Cancelled).</summary>
public sealed record UpdateOrderStatusRequest([property: Required] OrderStatus? Status, [property: StringLength(500)] string? Notes = null);

/// <summary>Ship or deliver, with a note for the history.</summary>
public sealed record OrderActionRequest([property: StringLength(500)] string? Notes = null);

public sealed record CancelOrderRequest([property: StringLength(500)] string? Reason = null);

public static class OrderRules
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 10_000;
}

public sealed record OrderResponse(
    Guid Id,
    Guid CustomerId,
    OrderStatus Status,
    decimal TotalAmount,
    string Currency,
    string? TrackingNumber,
    string? Notes,
    IReadOnlyList<OrderLineResponse> Lines,
    PaymentResponse? Payment,
    ShipmentResponse? Shipment,
    Guid? ReservationId,
    DateTimeOffset? BackorderDeadline,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrderResponse From(Order o) => new(
        o.Id, o.CustomerId, o.Status, o.TotalAmount, o.Currency, o.TrackingNumber, o.Notes,
        [.. o.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => new OrderLineResponse(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.Total))],
        o.Payment is { } p ? new PaymentResponse(p.Method, p.CardLast4, p.Amount, p.Currency, p.Status, p.TransactionId, p.DeclineReason, p.RefundId, p.ProcessedAt) : null,
        o.Shipment is { } s ? new ShipmentResponse(s.Address, s.Method, s.Status, s.Carrier, s.TrackingNumber, s.Cost, s.ExpectedDelivery, s.ShippedAt, s.DeliveredAt) : null,
        o.ReservationId, o.BackorderDeadline, o.CreatedAt, o.UpdatedAt);
}

public sealed record OrderLineResponse(string Sku, string Name, int Quantity, decimal UnitPrice, decimal Total);

public sealed record PaymentResponse(string Method, string CardLast4, decimal Amount, string Currency, PaymentStatus Status, string? TransactionId, string? DeclineReason, string? RefundId, DateTimeOffset? ProcessedAt);

public sealed record ShipmentResponse(ShippingAddress Address, string Method, ShipmentStatus Status, string? Carrier, string? TrackingNumber, decimal? Cost, DateTimeOffset? ExpectedDelivery, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt);

public sealed record StatusChangeResponse(OrderStatus? From, OrderStatus To, string? Notes, string ChangedBy, DateTimeOffset At)
{
    public static StatusChangeResponse Of(OrderStatusChange c) => new(c.From, c.To, c.Notes, c.ChangedBy, c.At);
}

/// <summary>A page of orders, newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next.</summary>
public sealed record OrderPage(IReadOnlyList<OrderSummary> Items, DateTimeOffset? NextBefore);

public sealed record OrderSummary(Guid Id, Guid CustomerId, OrderStatus Status, decimal TotalAmount, string Currency, int Lines, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
