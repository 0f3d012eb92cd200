namespace Synkro.Notifications.Digests;

/// <summary>When the daily digests go out (section "Digests").</summary>
public sealed class DigestSettings
{
    /// <summary>The time of day, in UTC; 07:00 by default.</summary>
    public TimeOnly SendAt { get; set; } = new(7, 0);

    /// <summary>The last time the digests were due at or before <paramref name="now"/>.</summary>
    public DateTimeOffset LastDue(DateTimeOffset now)
    {
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(SendAt), TimeSpan.Zero);
        return today <= now ? today : today.AddDays(-1);
    }
}
