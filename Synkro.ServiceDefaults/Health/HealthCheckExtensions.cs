using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synkro.ServiceDefaults.Health;
using Synkro.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

public static class HealthCheckExtensions
{
    /// <summary>A "self" check tagged "live": the process answers, whatever its dependencies do.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("Process is running"), [HealthEndpoints.LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps /health (every check, JSON report, 503 when unhealthy) and /alive (checks tagged
    /// "live"), in every environment: the AppHost and the test host probe them. Also installs
    /// the problem details exception handler; call it right after Build so that it wraps every
    /// endpoint and middleware the service adds afterwards.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseMiddleware<RequestActivityMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapHealthChecks(HealthEndpoints.Health, new HealthCheckOptions
        {
            ResponseWriter = HealthReportJsonWriter.WriteAsync,
        });
        app.MapHealthChecks(HealthEndpoints.Alive, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthEndpoints.LiveTag),
            ResponseWriter = HealthReportJsonWriter.WriteAsync,
        });
        return app;
    }
}
