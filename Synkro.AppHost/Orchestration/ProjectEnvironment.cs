namespace Synkro.Hosting.Orchestration;

/// <summary>
/// The environment a project replica receives, with Aspire's variable names exactly, so services
/// read the same configuration under this AppHost as under Aspire's.
/// </summary>
internal sealed class ProjectEnvironment(IReadOnlySet<IResource> started, string? otlpEndpoint)
{
    public Dictionary<string, string> For(ProjectResource project, int replica)
    {
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{project.Ports[replica]}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{replica}-{Guid.NewGuid().ToString("N")[..8]}",
        };

        if (otlpEndpoint is not null)
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
            env["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            // Aspire shortens the export intervals in development so the dashboard is live.
            env["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        }

        foreach (var reference in project.References.Where(started.Contains))
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnectionString:
                    env[$"ConnectionStrings__{reference.Name}"] = withConnectionString.GetConnectionString();
                    break;
                case ProjectResource service:
                    foreach (var (url, i) in service.HttpUrls.Select((url, i) => (url, i)))
                    {
                        env[$"services__{service.Name}__http__{i}"] = url;
                    }

                    break;
            }
        }

        foreach (var variable in project.Environment)
        {
            env[variable.Name] = variable.Value();
        }

        return env;
    }
}
