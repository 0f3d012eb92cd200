using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Synkro.Notifications.Webhooks;

public enum WebhookStatus
{
    Active,

    /// <summary>A delivery used up its retries. Deliveries still go to it; the next one accepted makes it Active again.</summary>
    Failing,
}

/// <summary>
/// A URL an admin registered to receive the kinds of event it names, each delivery signed with its own
/// secret (Standard Webhooks: <c>whsec_</c> and the base64 of 32 random bytes). The secret is kept as
/// it is, since signing needs it; only admins read it.
/// </summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }

    public required string Url { get; set; }

    public required List<string> EventKinds { get; set; }

    public string? Description { get; set; }

    public required string Secret { get; set; }

    public WebhookStatus Status { get; set; }

    public DateTimeOffset? FailingSince { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("webhook_endpoints");
        endpoint.Property(e => e.Url).HasMaxLength(WebhookLimits.Url);
        endpoint.Property(e => e.Description).HasMaxLength(200);
        endpoint.Property(e => e.Secret).HasMaxLength(100);
        endpoint.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        endpoint.Property(e => e.CreatedBy).HasMaxLength(256);
    }
}

public static class WebhookLimits
{
    public const int Url = 2000;
}
