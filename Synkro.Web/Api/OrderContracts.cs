namespace Synkro.Web.Api;

// The web app's own copies of what Logistics answers.

public sealed record OrderPage(IReadOnlyList<OrderSummary> Items, DateTimeOffset? NextBefore);

public sealed record OrderSummary(Guid Id, Guid CustomerId, string Status, decimal TotalAmount, string Currency, int Lines, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record Order(
    Guid Id, Guid CustomerId, string Status, decimal TotalAmount, string Currency, string? TrackingNumber, string? Notes,
    IReadOnlyList<OrderLine> Lines, Payment? Payment, Shipment? Shipment, DateTimeOffset? BackorderDeadline, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record OrderLine(string Sku, string Name, int Quantity, decimal UnitPrice, decimal Total);

public sealed record Payment(string Method, string CardLast4, decimal Amount, string Currency, string Status, string? TransactionId, string? DeclineReason, string? RefundId);

public sealed record Shipment(string Method, string Status, string? Carrier, string? TrackingNumber, DateTimeOffset? ExpectedDelivery, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt);

public sealed record StatusChange(string? From, string To, string? Notes, string ChangedBy, DateTimeOffset At);

public static class OrderStatuses
{
    public static readonly string[] All = ["Created", "Processing", "ReservingStock", "Confirmed", "BackOrdered", "Shipped", "Delivered", "Cancelled"];

    /// <summary>The staff actions and the status each may start from (Logistics' state machine decides; this only hides buttons that cannot apply).</summary>
    public static IEnumerable<string> ActionsFrom(string status) => status switch
    {
        "Confirmed" => ["ship", "cancel"],
        "Shipped" => ["deliver"],
        "Created" or "Processing" or "BackOrdered" => ["cancel"],
        _ => [],
    };
}
