using Synkro.Notifications.Data;

namespace Synkro.Notifications.Extensions;

public static class NotificationsServiceExtensions
{
    public static void AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<NotificationsDbContext>(ResourceNames.NotificationsDb);
        builder.AddRabbitMQHealthCheck(ResourceNames.Messaging);
    }
}
