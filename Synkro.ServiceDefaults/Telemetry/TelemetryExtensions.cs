using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Synkro.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

public static class TelemetryExtensions
{
    /// <summary>
    /// Traces, metrics and logs over OTLP to OTEL_EXPORTER_OTLP_ENDPOINT (nothing is exported
    /// when it is empty), with the protocol from OTEL_EXPORTER_OTLP_PROTOCOL.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // ASP.NET Core 10 leaves method, path, scheme and server tags off its request span unless
        // told otherwise (.NET 11 turns this on by default); RequestActivityMiddleware adds the rest.
        AppContext.SetSwitch("Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData", false);

        var otlp = OtlpExportSettings.FromConfiguration(builder.Configuration);
        var serviceName = ServiceIdentity.GetServiceName(builder.Configuration, builder.Environment);

        // CreateDefault reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the AppHost's
        // service.instance.id); AddService only fills in the name when the service runs alone.
        ResourceBuilder CreateResource() => ResourceBuilder.CreateDefault()
            .AddService(serviceName, autoGenerateServiceInstanceId: false);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.SetResourceBuilder(CreateResource());
            if (otlp is not null)
            {
                logging.AddOtlpExporter(exporter => otlp.Apply(exporter, "v1/logs"));
            }
        });

        var sdk = OpenTelemetrySdk.Create(otel => otel
            .ConfigureResource(resource => resource.AddService(serviceName, autoGenerateServiceInstanceId: false))
            .WithTracing(tracing =>
            {
                tracing.AddSource([.. TelemetrySourceNames.Tracing]);
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(exporter => otlp.Apply(exporter, "v1/traces"));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. TelemetrySourceNames.Metrics]);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => otlp.Apply(exporter, "v1/metrics"));
                }
            }));

        builder.Services.AddSingleton(sdk);
        builder.Services.AddHostedService<OpenTelemetrySdkLifetime>();
        return builder;
    }
}
