using Synkro.Logistics.Data;

namespace Synkro.Logistics.Extensions;

public static class LogisticsServiceExtensions
{
    public static void AddLogisticsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<LogisticsDbContext>(ResourceNames.LogisticsDb);
        // Publishes and consumes integration events through the outbox and inbox in logisticsdb.
        builder.AddEventBus<LogisticsDbContext>(ResourceNames.Messaging);
    }
}
