using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Synkro.Notifications.Alerts;
using Synkro.Security;

namespace Synkro.Notifications.Subscriptions;

/// <summary>
/// Who wants which alerts through which channel: one user (<see cref="UserId"/>) or everyone with a
/// role (<see cref="Role"/>, managed by admins), optionally only for one warehouse or SKU, or one
/// customer's orders. The role <c>customer</c> is each order's own customer, not every customer.
/// </summary>
public sealed class Subscription
{
    public Guid Id { get; set; }

    public required string EventKind { get; set; }

    public required string Channel { get; set; }

    public Guid? UserId { get; set; }

    public string? Role { get; set; }

    public Guid? WarehouseId { get; set; }

    public string? Sku { get; set; }

    public Guid? CustomerId { get; set; }

    /// <summary>Each alert as it happens (<see cref="Frequencies.Immediate"/>), or by email once a day in a digest.</summary>
    public string Frequency { get; set; } = Frequencies.Immediate;

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    /// <summary>Managers hear about low stock by email until an admin says otherwise.</summary>
    public static readonly Guid ManagersLowStock = new("0193a000-0000-7000-8000-000000000001");

    /// <summary>Managers also see low stock in Synkro, live.</summary>
    public static readonly Guid ManagersLowStockInApp = new("0193a000-0000-7000-8000-000000000004");

    /// <summary>Admins also see it in Synkro.</summary>
    public static readonly Guid AdminsWebhookFailingInApp = new("0193a000-0000-7000-8000-000000000005");

    /// <summary>Customers hear of their own orders by email.</summary>
    public static readonly Guid CustomersOrderStatus = new("0193a000-0000-7000-8000-000000000003");

    /// <summary>Admins hear by email of a webhook endpoint that stopped accepting deliveries.</summary>
    public static readonly Guid AdminsWebhookFailing = new("0193a000-0000-7000-8000-000000000002");

    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.Property(s => s.EventKind).HasMaxLength(40);
        subscription.Property(s => s.Channel).HasMaxLength(20);
        subscription.Property(s => s.Role).HasMaxLength(20);
        subscription.Property(s => s.Sku).HasMaxLength(64);
        subscription.Property(s => s.CreatedBy).HasMaxLength(256);
        subscription.Property(s => s.Frequency).HasMaxLength(20).HasDefaultValue(Frequencies.Immediate);
        subscription.HasIndex(s => s.EventKind);
        subscription.HasIndex(s => s.UserId);
        subscription.ToTable(t => t.HasCheckConstraint("ck_subscription_one_subscriber", "(user_id IS NULL) <> (role IS NULL)"));
        subscription.HasData(
            Seeded(ManagersLowStock, EventKinds.LowStock, Roles.Manager, new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero)),
            Seeded(ManagersLowStockInApp, EventKinds.LowStock, Roles.Manager, new DateTimeOffset(2026, 12, 7, 14, 0, 0, TimeSpan.Zero), Channels.InApp),
            Seeded(AdminsWebhookFailing, EventKinds.WebhookFailing, Roles.Admin, new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero)),
            Seeded(AdminsWebhookFailingInApp, EventKinds.WebhookFailing, Roles.Admin, new DateTimeOffset(2026, 12, 7, 14, 0, 0, TimeSpan.Zero), Channels.InApp),
            Seeded(CustomersOrderStatus, EventKinds.OrderStatus, Roles.Customer, new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero)));
    }

    private static Subscription Seeded(Guid id, string kind, string role, DateTimeOffset at, string channel = Channels.Email) =>
        new() { Id = id, EventKind = kind, Channel = channel, Role = role, CreatedBy = "synkro", CreatedAt = at };
}

/// <summary>How often a subscription's alerts are sent.</summary>
public static class Frequencies
{
    public const string Immediate = "immediate";

    /// <summary>Held, then one email a day listing them all (email only: in the app they are live).</summary>
    public const string Daily = "daily";

    public static readonly string[] All = [Immediate, Daily];
}
