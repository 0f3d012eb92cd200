using Synkro.Forecasting.Data;

namespace Synkro.Forecasting.Extensions;

public static class ForecastingServiceExtensions
{
    public static void AddForecastingServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ForecastingDbContext>(ResourceNames.ForecastingDb);
        // Publishes and consumes integration events through the outbox and inbox in forecastingdb.
        builder.AddEventBus<ForecastingDbContext>(ResourceNames.Messaging);
    }
}
