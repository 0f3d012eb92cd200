using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synkro.ServiceDefaults.Caching;
using Synkro.ServiceDefaults.Health;

namespace Microsoft.Extensions.Hosting;

public static class RedisExtensions
{
    /// <summary>
    /// Registers the <see cref="IRedisConnectionProvider"/> for "ConnectionStrings:{connectionName}"
    /// (keyed by that name, and unkeyed for the first cache registered) and a health check named
    /// <paramref name="connectionName"/> that PINGs, tagged "ready" and "cache".
    /// </summary>
    public static void AddRedisHealthCheck(this IHostApplicationBuilder builder, string connectionName = "cache")
    {
        builder.Services.TryAddKeyedSingleton<IRedisConnectionProvider>(connectionName, (services, _) => ActivatorUtilities.CreateInstance<RedisConnectionProvider>(services, connectionName));
        builder.Services.TryAddSingleton(services => services.GetRequiredKeyedService<IRedisConnectionProvider>(connectionName));

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            services => new RedisHealthCheck(services.GetRequiredKeyedService<IRedisConnectionProvider>(connectionName)),
            failureStatus: null,
            tags: ["ready", "cache"],
            timeout: HealthCheckRegistrationExtensions.DefaultTimeout));
    }
}
