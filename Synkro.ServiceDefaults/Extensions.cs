using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Synkro.ServiceDefaults.Health;
using Synkro.ServiceDefaults.Http;
using Synkro.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Synkro service shares, in the shape of Aspire's ServiceDefaults template and eShop's
/// Extensions.cs: OpenTelemetry, health checks, service discovery, and resilient HttpClients.
/// </summary>
public static class Extensions
{
    /// <summary>Synkro's own ActivitySources and Meters are named "Synkro.&lt;Capability&gt;".</summary>
    public const string SynkroTelemetry = "Synkro.*";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler(resilience => resilience.Retry.OnlyWhenSafe());
            http.AddServiceDiscovery();
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", "Wolverine", SynkroTelemetry))
            .WithTracing(tracing => tracing
                // The AppHost polls /health and /alive every few seconds: they would bury real traffic.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !HealthEndpoints.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                // "Yarp.ReverseProxy": the gateway's span around each forwarded request.
                .AddSource(BackgroundQueryFilter.NpgsqlSource, "Yarp.ReverseProxy", "Wolverine", SynkroTelemetry)
                .AddProcessor(new BackgroundQueryFilter()));

        // The AppHost sets the endpoint (the dashboard) and the protocol; alone, a service exports nothing.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// A "self" check tagged "live": the process answers, whatever its dependencies do. Every check
    /// without a timeout of its own gets one: the integrations' checks run through their retry
    /// strategies, and a database that is down would hold /health for about a minute. A check that
    /// cannot even be created (EF Core's creates the DbContext, which throws without its connection
    /// string) reports that as its failure instead of turning /health into a 500.
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("Process is running"), [HealthEndpoints.LiveTag]);
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Timeout == Timeout.InfiniteTimeSpan))
            {
                registration.Timeout = HealthCheckRegistrationExtensions.DefaultTimeout;
            }

            foreach (var registration in options.Registrations)
            {
                var create = registration.Factory;
                registration.Factory = services =>
                {
                    try
                    {
                        return create(services);
                    }
                    catch (Exception exception)
                    {
                        return new FailedHealthCheck(exception);
                    }
                };
            }
        });
        return builder;
    }

    /// <summary>
    /// Maps /health (every check, a JSON report naming what failed, 503 when unhealthy) and /alive
    /// (checks tagged "live") in every environment, because the AppHost and the tests probe them; a
    /// service exposed beyond the cluster is reached through the gateway, which does not route them.
    /// Also installs the problem details exception handler: call it right after Build so that it
    /// wraps every endpoint and middleware the service adds afterwards.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks(HealthEndpoints.Health, new HealthCheckOptions { ResponseWriter = HealthReportJsonWriter.WriteAsync });
        app.MapHealthChecks(HealthEndpoints.Alive, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthEndpoints.LiveTag),
            ResponseWriter = HealthReportJsonWriter.WriteAsync,
        });
        return app;
    }
}
