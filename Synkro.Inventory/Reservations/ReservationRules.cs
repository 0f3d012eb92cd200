namespace Synkro.Inventory.Reservations;

public static class ReservationRules
{
    public const int IdempotencyKeyMaxLength = 200;

    public const int MaxLines = 100;

    public const int DefaultTtlSeconds = 900;

    public const int MaxTtlSeconds = 7 * 24 * 3600;

    /// <summary>How long a replay returns the stored result; the expiry sweeper prunes older keys.</summary>
    public static readonly TimeSpan IdempotencyKeyRetention = TimeSpan.FromHours(24);
}
