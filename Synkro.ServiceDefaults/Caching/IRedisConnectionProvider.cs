using StackExchange.Redis;

namespace Synkro.ServiceDefaults.Caching;

/// <summary>The process's shared Redis multiplexer, connected on first use.</summary>
public interface IRedisConnectionProvider
{
    string ConnectionName { get; }

    Task<IConnectionMultiplexer> GetConnectionAsync(CancellationToken cancellationToken = default);
}
