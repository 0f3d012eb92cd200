using Synkro.Notifications.Data;

namespace Synkro.Notifications.Extensions;

public static class NotificationsServiceExtensions
{
    public static void AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<NotificationsDbContext>(ResourceNames.NotificationsDb);
        // Publishes and consumes integration events through the outbox and inbox in notificationsdb.
        builder.AddEventBus<NotificationsDbContext>(ResourceNames.Messaging);
    }
}
