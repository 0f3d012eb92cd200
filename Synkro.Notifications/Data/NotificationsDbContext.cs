using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Deliveries;
using Synkro.Notifications.Subscriptions;
using Synkro.Notifications.Templates;
using Synkro.Notifications.Webhooks;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public const string Schema = "notifications";

    /// <summary>The same options at run time and for <c>dotnet ef</c>: snake_case names, history table in the schema.</summary>
    public static DbContextOptionsBuilder<NotificationsDbContext> Configure(DbContextOptionsBuilder<NotificationsDbContext> options) => options
        .UseNpgsql(npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", Schema))
        .UseSnakeCaseNamingConvention();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<NotificationTemplate> Templates => Set<NotificationTemplate>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();

    public DbSet<WebhookEndpoint> Webhooks => Set<WebhookEndpoint>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotificationsDbContext).Assembly);
        // Wolverine's envelope tables: an event's inbox row commits with the deliveries it planned.
        modelBuilder.MapWolverineEnvelopeStorage(WolverineMessagingExtensions.Schema);
    }
}
