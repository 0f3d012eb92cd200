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

    /// <summary>A webhook's last attempt failed; the next is scheduled (<see cref="Delivery.NextAttemptAt"/>).</summary>
    Retrying,

    /// <summary>An email's last attempt failed and Wolverine retries it; a webhook's retries are used up (an admin can redeliver).</summary>
    Failed,

    /// <summary>The mail server refused the recipient, or a webhook's address is one it may not reach: retrying would not help.</summary>
    Bounced,

    /// <summary>An email whose recipient takes it in their daily digest: waiting for the next one.</summary>
    Held,

    /// <summary>Went out in a daily digest, the delivery <see cref="Delivery.DigestId"/>.</summary>
    Digested,
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

    /// <summary>An email address, or a webhook's URL.</summary>
    public required string Recipient { get; set; }

    /// <summary>The endpoint a webhook delivery goes to.</summary>
    public Guid? WebhookId { get; set; }

    public int TemplateVersion { get; set; }

    public required string Subject { get; set; }

    /// <summary>An email's plain text, or a webhook's JSON body.</summary>
    public required string Text { get; set; }

    public required string Html { get; set; }

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>The status code a webhook receiver last answered with.</summary>
    public int? ResponseStatus { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>When the event behind it happened: sent minus this is the event-to-delivery latency.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The digest a held email went out in.</summary>
    public Guid? DigestId { get; set; }

    /// <summary>When its person marked an in-app notification read.</summary>
    public DateTimeOffset? ReadAt { get; set; }
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
        delivery.HasIndex(d => d.WebhookId);
        // What the next digest takes.
        delivery.HasIndex(d => new { d.Recipient, d.Id }).HasFilter("status = 'Held'").HasDatabaseName("ix_deliveries_held");
        // A person's inbox, newest first, and its unread count.
        delivery.HasIndex(d => new { d.RecipientUserId, d.Id }).HasFilter("channel = 'in-app'").HasDatabaseName("ix_deliveries_inbox");
        delivery.HasMany<DeliveryAttempt>().WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
