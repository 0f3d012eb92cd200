using Synkro.Logistics.Data;

namespace Synkro.Logistics.Extensions;

public static class LogisticsServiceExtensions
{
    public static void AddLogisticsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<LogisticsDbContext>(ResourceNames.LogisticsDb);
        builder.AddRabbitMQHealthCheck(ResourceNames.Messaging);
    }
}
