using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Synkro.Logistics.Payments;

/// <summary>
/// The built-in provider, in a real provider's test mode: the card number decides the outcome (the
/// numbers are Stripe's test cards). It keeps no state a restart would lose: the token names the
/// rule, and a transaction id is derived from the idempotency key, so a retried charge answers the
/// same transaction. Only "fails once" counts attempts, in memory.
/// </summary>
public sealed class SandboxPaymentProvider(TimeProvider clock) : IPaymentProvider
{
    public const string Approves = "4242424242424242";
    public const string Declines = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string Slow = "4000000000000077";
    public const string FailsOnce = "4000000000000119";

    public static readonly TimeSpan SlowDelay = TimeSpan.FromSeconds(2);

    private static readonly Dictionary<string, string> Rules = new()
    {
        [Approves] = "approve",
        [Declines] = "decline",
        [InsufficientFunds] = "insufficient",
        [Slow] = "slow",
        [FailsOnce] = "failonce",
    };

    private readonly ConcurrentDictionary<string, int> attempts = new();

    public Task<CardToken> TokenizeAsync(string cardNumber, CancellationToken cancellationToken)
    {
        var digits = new string([.. cardNumber.Where(char.IsAsciiDigit)]);
        // Any other well-formed number is approved, as test modes do.
        var rule = Rules.GetValueOrDefault(digits, "approve");
        return Task.FromResult(new CardToken($"tok_sandbox_{rule}_{digits[^4..]}", digits[^4..]));
    }

    public async Task<ChargeResult> ChargeAsync(string token, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken)
    {
        var transactionId = $"txn_sandbox_{Hash(idempotencyKey)}";
        switch (Rule(token))
        {
            case "decline":
                return new ChargeResult(false, transactionId, "card_declined");
            case "insufficient":
                return new ChargeResult(false, transactionId, "insufficient_funds");
            case "slow":
                await Task.Delay(SlowDelay, clock, cancellationToken);
                break;
            case "failonce" when attempts.AddOrUpdate(idempotencyKey, 1, (_, n) => n + 1) == 1:
                throw new PaymentUnavailable("The sandbox provider failed this charge's first attempt (processing_error).");
        }

        return new ChargeResult(true, transactionId, null);
    }

    public Task<string> RefundAsync(string transactionId, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult($"re_sandbox_{Hash(idempotencyKey)}");

    private static string Rule(string token) => token.Split('_') is ["tok", "sandbox", var rule, _] ? rule : "approve";

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
}
