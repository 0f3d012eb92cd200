using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class HybridCacheExtensions
{
    /// <summary>
    /// HybridCache with Redis ("ConnectionStrings:{connectionName}") as its second level. The Redis
    /// client is Aspire's (health check, retries, tracing); the distributed cache rides on the same
    /// multiplexer rather than opening its own connection. Aspire's DistributedCaching package would
    /// do this wiring, but the mirror does not serve it.
    /// </summary>
    public static void AddRedisHybridCache(this IHostApplicationBuilder builder, string connectionName)
    {
        builder.AddRedisClient(connectionName);
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((redis, services) =>
            redis.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()));
        builder.Services.AddHybridCache();
    }
}
