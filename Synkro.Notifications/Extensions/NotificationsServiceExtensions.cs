using Synkro.Notifications.Data;

namespace Synkro.Notifications.Extensions;

public static class NotificationsServiceExtensions
{
    public static void AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<NotificationsDbContext>(ResourceNames.NotificationsDb);
        builder.AddDatabaseMigrations<NotificationsDbContext>();
        // Integration events through Wolverine's durable outbox and inbox in notificationsdb; no subscriptions yet.
        builder.AddMessaging<NotificationsDbContext>(ResourceNames.NotificationsDb);
    }
}
