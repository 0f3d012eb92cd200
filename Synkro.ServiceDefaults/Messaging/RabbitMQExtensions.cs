using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synkro.ServiceDefaults.Health;
using Synkro.ServiceDefaults.Messaging;

namespace Microsoft.Extensions.Hosting;

public static class RabbitMQExtensions
{
    /// <summary>
    /// Registers the <see cref="RabbitMQConnectionProvider"/> for "ConnectionStrings:{connectionName}"
    /// (keyed by that name, and unkeyed for the first broker registered) and a health check named
    /// <paramref name="connectionName"/> tagged "ready" and "messaging".
    /// </summary>
    public static void AddRabbitMQHealthCheck(this IHostApplicationBuilder builder, string connectionName = "messaging")
    {
        builder.Services.TryAddKeyedSingleton(connectionName, (services, _) => ActivatorUtilities.CreateInstance<RabbitMQConnectionProvider>(services, connectionName));
        builder.Services.TryAddSingleton(services => services.GetRequiredKeyedService<RabbitMQConnectionProvider>(connectionName));

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            services => new RabbitMQHealthCheck(services.GetRequiredKeyedService<RabbitMQConnectionProvider>(connectionName)),
            failureStatus: null,
            tags: ["ready", "messaging"],
            timeout: HealthCheckRegistrationExtensions.DefaultTimeout));
    }
}
