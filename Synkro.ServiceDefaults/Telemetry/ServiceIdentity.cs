using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Synkro.ServiceDefaults.Telemetry;

internal static class ServiceIdentity
{
    /// <summary>
    /// The name the AppHost gives the service (OTEL_SERVICE_NAME), or the assembly name when the
    /// service runs on its own; used for telemetry and as the client name shown by the broker.
    /// </summary>
    public static string GetServiceName(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["OTEL_SERVICE_NAME"];
        return string.IsNullOrWhiteSpace(configured) ? environment.ApplicationName : configured;
    }
}
