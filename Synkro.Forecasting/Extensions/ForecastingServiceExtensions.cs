using Synkro.Forecasting.Data;

namespace Synkro.Forecasting.Extensions;

public static class ForecastingServiceExtensions
{
    public static void AddForecastingServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ForecastingDbContext>(ResourceNames.ForecastingDb);
        builder.AddDatabaseMigrations<ForecastingDbContext>();
        // Integration events through Wolverine's durable outbox and inbox in forecastingdb; no subscriptions yet.
        builder.AddMessaging<ForecastingDbContext>(ResourceNames.ForecastingDb);
    }
}
