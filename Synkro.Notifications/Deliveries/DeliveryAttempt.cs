using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Synkro.Notifications.Deliveries;

/// <summary>
/// One try of a delivery, written before it is made and completed after: one with no
/// <see cref="FinishedAt"/> is an attempt whose process died with it, its outcome unknown.
/// </summary>
public sealed class DeliveryAttempt
{
    public Guid Id { get; set; }

    public Guid DeliveryId { get; set; }

    public int Number { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>A webhook receiver's status code.</summary>
    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    public static string? Trim(string? error) => error is { Length: > 2000 } ? error[..2000] : error;
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> attempt)
    {
        attempt.Property(a => a.Error).HasMaxLength(2000);
        attempt.HasIndex(a => new { a.DeliveryId, a.Number }).IsUnique();
    }
}
