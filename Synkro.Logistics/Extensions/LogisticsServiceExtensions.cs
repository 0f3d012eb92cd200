using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Data;
using Synkro.Logistics.Reservations;

namespace Synkro.Logistics.Extensions;

public static class LogisticsServiceExtensions
{
    public static void AddLogisticsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<LogisticsDbContext>(
            ResourceNames.LogisticsDb,
            configureDbContextOptions: options => options.UseNpgsql(npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", LogisticsDbContext.Schema)));
        builder.AddDatabaseMigrations<LogisticsDbContext>();
        // Consumes inventory's events through Wolverine's durable inbox in logisticsdb.
        builder.AddMessaging<LogisticsDbContext>(ResourceNames.LogisticsDb, messaging => messaging.Subscribe<StockReserved>());
    }
}
