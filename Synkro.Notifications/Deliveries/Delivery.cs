using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Synkro.Notifications.Deliveries;

public enum DeliveryStatus
{
    /// <summary>Planned with its alert; its send is queued.</summary>
    Queued,

    /// <summary>A send was started and its outcome not yet recorded: after a crash, it may have gone out.</summary>
    Sending,

    Sent,

    /// <summary>The last attempt failed; Wolverine retries until its retries are used up.</summary>
    Failed,

    /// <summary>The mail server refused the recipient: retrying would not help.</summary>
    Bounced,
}

/// <summary>
/// One notification to one recipient on one channel, rendered when its alert was planned, with every
/// attempt counted. A send is recorded (Sending, attempts + 1) before it is tried and its outcome
/// after, so a crash in between shows as a second attempt of a delivery that may have gone out twice.
/// </summary>
public sealed class Delivery
{
    public Guid Id { get; set; }

    public Guid AlertId { get; set; }

    public required string EventKind { get; set; }

    public required string Channel { get; set; }

    public Guid? RecipientUserId { get; set; }

    public required string Recipient { get; set; }

    public int TemplateVersion { get; set; }

    public required string Subject { get; set; }

    public required string Text { get; set; }

    public required string Html { get; set; }

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> delivery)
    {
        delivery.Property(d => d.EventKind).HasMaxLength(40);
        delivery.Property(d => d.Channel).HasMaxLength(20);
        delivery.Property(d => d.Recipient).HasMaxLength(320);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        delivery.Property(d => d.LastError).HasMaxLength(2000);
        // One delivery per alert, channel and address, whatever replays the alert.
        delivery.HasIndex(d => new { d.AlertId, d.Channel, d.Recipient }).IsUnique();
        delivery.HasIndex(d => d.CreatedAt);
    }
}
