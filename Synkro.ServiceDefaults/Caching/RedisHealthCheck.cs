using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synkro.ServiceDefaults.Health;

namespace Synkro.ServiceDefaults.Caching;

internal sealed class RedisHealthCheck(IRedisConnectionProvider provider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var description = $"Redis {provider.ConnectionName}";
        try
        {
            var connection = await provider.GetConnectionAsync(cancellationToken);
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy(description, new Dictionary<string, object> { ["pingMilliseconds"] = latency.TotalMilliseconds });
        }
        catch (Exception exception)
        {
            return HealthCheckFailure.From(context, description, exception, cancellationToken);
        }
    }
}
