using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;
using Synkro.Web.Api;
using Synkro.Web.Auth;
using Synkro.Web.Branding;
using Synkro.Web.Components;
using Synkro.Web.Data;
using Synkro.Web.Gateway;
using Synkro.Web.Notifications;

namespace Synkro.Web.Extensions;

public static class WebServiceExtensions
{
    public static void AddWebServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.AddNpgsqlDbContext<WebDbContext>(
            ResourceNames.WebDb,
            configureDbContextOptions: options => WebDbContext.Configure((DbContextOptionsBuilder<WebDbContext>)options));
        builder.AddDatabaseMigrations<WebDbContext>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BrandingState>();
        // One per circuit: the bell and the notifications page show the same inbox.
        builder.Services.AddScoped<InboxState>();
        // Redis holds the staff sessions' tokens, so a restart of the web app does not sign everyone out.
        builder.AddRedisHybridCache(ResourceNames.Cache);
        builder.AddStaffSignIn();
        builder.Services.AddHttpClient<GatewayApi>(client => client.BaseAddress = new Uri($"http://{ResourceNames.Gateway}"));

        // A probe answers for the moment it asks: retries would only make a down gateway slower to report.
        // A stream stays open: the standard handler's timeouts would cut it. RemoveAllResilienceHandlers is
        // marked experimental (EXTEXP0001), and is the library's way to do this.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<GatewayHealthCheck>(client => client.BaseAddress = new Uri($"http://{ResourceNames.Gateway}"))
            .RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient<EventStream>(client =>
            {
                client.BaseAddress = new Uri($"http://{ResourceNames.Gateway}");
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
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

    public static WebApplication MapStaffUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapStaffSignIn();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
