using Aspire.Hosting.ApplicationModel;

namespace Synkro.AppHost.Hosting;

public static class Services
{
    /// <summary>
    /// A Synkro service: an http endpoint from Aspire (the projects carry no launch profiles), healthy
    /// when its /health says so, and a short OTLP export timeout so that a stopping run does not wait
    /// on exports to a dashboard that is already gone. In run mode a service runs in the AppHost's
    /// environment (Development from the launch profile), as `dotnet run` of the service would.
    /// Aspire has every service export its metrics each second in Development, which kept the
    /// dashboard busier than any service while nothing happened; 10 s (Telemetry:MetricExportInterval,
    /// in ms) is what the dashboard's charts wait for a new point. A deployment keeps OpenTelemetry's
    /// own default (60 s), so the manifest does not carry it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddProject<TProject>(name)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000");
        return builder.ExecutionContext.IsRunMode
            ? service.WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
                .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", builder.Configuration["Telemetry:MetricExportInterval"] ?? "10000")
            : service;
    }

    /// <summary>
    /// How many instances of a service run: <c>Replicas:{name}</c> when configured (for example
    /// <c>--Replicas:gateway=2</c> or <c>Replicas__gateway=2</c>), else <paramref name="deployed"/> in a
    /// deployment (the manifest) and one in a local run. Each instance costs a local run about 200 MiB
    /// (the service, the <c>dotnet run</c> DCP starts it with, DCP's monitor of it) and a developer's F5
    /// needs one; the tests run the deployed shape to check what the replicas must share.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDeployedReplicas(this IResourceBuilder<ProjectResource> service, int deployed)
    {
        var builder = service.ApplicationBuilder;
        var configured = builder.Configuration[$"Replicas:{service.Resource.Name}"];
        if (configured is null)
        {
            return service.WithReplicas(builder.ExecutionContext.IsRunMode ? 1 : deployed);
        }

        return int.TryParse(configured, out var count) && count >= 1
            ? service.WithReplicas(count)
            : throw new DistributedApplicationException($"Replicas:{service.Resource.Name} is '{configured}': give a whole number of at least 1.");
    }

    /// <summary>
    /// A second endpoint, "grpc", for gRPC over cleartext HTTP/2 (h2c). Kestrel speaks h2c only on an
    /// endpoint that offers HTTP/2 alone (without TLS nothing negotiates between 1.1 and 2), so REST,
    /// health and browsers keep "http" and gRPC gets this one: its port arrives as GRPC_PORT, and
    /// ServiceDefaults' AddGrpcEndpoint binds it HTTP/2-only. Clients find it as
    /// <c>http://_grpc.{service}</c> through service discovery.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGrpcEndpoint(this IResourceBuilder<ProjectResource> service) =>
        service.WithHttpEndpoint(name: "grpc", env: "GRPC_PORT")
            .WithEndpoint("grpc", endpoint => endpoint.Transport = "http2");
}
