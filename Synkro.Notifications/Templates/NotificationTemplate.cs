using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Synkro.Notifications.Templates;

/// <summary>
/// The words of one kind of alert on one channel, in Liquid (<c>{{ sku }}</c>): a subject, a plain-text
/// and an HTML body. A row here is an admin's edit; without one the built-in template (version 0) is used.
/// </summary>
public sealed class NotificationTemplate
{
    public required string EventKind { get; set; }

    public required string Channel { get; set; }

    public required string Subject { get; set; }

    public required string Text { get; set; }

    public required string Html { get; set; }

    /// <summary>Counts the edits; each delivery records the version it was rendered from.</summary>
    public int Version { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> template)
    {
        template.HasKey(t => new { t.EventKind, t.Channel });
        template.Property(t => t.EventKind).HasMaxLength(40);
        template.Property(t => t.Channel).HasMaxLength(20);
        template.Property(t => t.Subject).HasMaxLength(TemplateLimits.Subject);
        template.Property(t => t.Text).HasMaxLength(TemplateLimits.Body);
        template.Property(t => t.Html).HasMaxLength(TemplateLimits.Body);
        template.Property(t => t.UpdatedBy).HasMaxLength(256);
        template.Property(t => t.Version).IsConcurrencyToken();
    }
}

public static class TemplateLimits
{
    public const int Subject = 500;
    public const int Body = 20_000;
}
