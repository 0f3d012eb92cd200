namespace Synkro.Logistics.Payments;

public enum PaymentStatus
{
    Pending,
    Captured,
    Declined,
    Refunded,
}

/// <summary>An order's payment: the card token (never the number), what happened, and the provider's ids.</summary>
public sealed class Payment
{
    public Guid OrderId { get; set; }

    public string Method { get; set; } = "card";

    public string CardToken { get; set; } = "";

    public string CardLast4 { get; set; } = "";

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "";

    public PaymentStatus Status { get; set; }

    public string? TransactionId { get; set; }

    public string? DeclineReason { get; set; }

    public string? RefundId { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }
}
