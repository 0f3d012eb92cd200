using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synkro.Web.Gateway;

namespace Synkro.Web.Extensions;

public static class WebServiceExtensions
{
    public static void AddWebServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<GatewayHealthCheck>(client => client.BaseAddress = new Uri($"http://{ResourceNames.Gateway}"))
            .RemoveAllResilienceHandlers();

        // Degraded, not Unhealthy: the staff UI still serves its pages while the gateway is down.
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            ResourceNames.Gateway,
            services => services.GetRequiredService<GatewayHealthCheck>(),
            HealthStatus.Degraded,
            tags: ["ready", "gateway"],
            timeout: TimeSpan.FromSeconds(5)));
    }
}
