namespace Synkro.Logistics.Payments;

/// <summary>
/// A card payment provider, in the shape real ones share: a card is tokenized once (the number never
/// reaches our database), a charge and a refund carry an idempotency key so that a retry after a
/// crash charges once. <see cref="PaymentUnavailable"/> is transient (retry); a decline is an answer.
/// </summary>
public interface IPaymentProvider
{
    Task<CardToken> TokenizeAsync(string cardNumber, CancellationToken cancellationToken);

    Task<ChargeResult> ChargeAsync(string token, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken);

    Task<string> RefundAsync(string transactionId, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken);
}

public sealed record CardToken(string Token, string Last4);

public sealed record ChargeResult(bool Approved, string TransactionId, string? DeclineReason);

/// <summary>The provider could not be reached or failed; the charge may be retried with the same key.</summary>
public sealed class PaymentUnavailable(string message) : Exception(message);
