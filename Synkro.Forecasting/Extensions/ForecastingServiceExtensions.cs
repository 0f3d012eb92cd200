using Synkro.Forecasting.Data;

namespace Synkro.Forecasting.Extensions;

public static class ForecastingServiceExtensions
{
    public static void AddForecastingServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ForecastingDbContext>(ResourceNames.ForecastingDb);
        builder.AddRabbitMQHealthCheck(ResourceNames.Messaging);
    }
}
