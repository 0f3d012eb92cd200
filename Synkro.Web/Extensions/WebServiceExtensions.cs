using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synkro.Web.Gateway;

namespace Synkro.Web.Extensions;

public static class WebServiceExtensions
{
    public static void AddWebServices(this IHostApplicationBuilder builder)
    {
        // A probe answers for the moment it asks: retries would only make a down gateway slower to report.
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001), and is the library's way to do this.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<GatewayHealthCheck>(client => client.BaseAddress = new Uri($"http://{ResourceNames.Gateway}"))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        // Degraded, not Unhealthy: the staff UI still serves its pages while the gateway is down.
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            ResourceNames.Gateway,
            services => services.GetRequiredService<GatewayHealthCheck>(),
            HealthStatus.Degraded,
            tags: ["ready", "gateway"],
            timeout: TimeSpan.FromSeconds(5)));
    }
}
