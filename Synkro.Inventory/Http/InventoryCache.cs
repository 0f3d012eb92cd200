using System.Text.Json;
using StackExchange.Redis;
using Synkro.ServiceDefaults.Caching;

namespace Synkro.Inventory.Http;

/// <summary>
/// Cache-aside in Redis for read-mostly answers (item details, level summaries). Writers delete the
/// keys after their transaction commits; a short TTL bounds what the cache-aside race (a read that
/// loaded before the commit storing after the delete) can leave stale. Redis being away only costs
/// the cache: reads go to the database. Reservation decisions never read it.
/// </summary>
public sealed partial class InventoryCache(IRedisConnectionProvider redis, ILogger<InventoryCache> logger)
{
    public static readonly TimeSpan ItemTtl = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan LevelsTtl = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(250);

    public static string ItemKey(string sku) => $"inventory:item:{sku}";

    public static string LevelsKey(string sku) => $"inventory:levels:{sku}";

    public async Task<T?> GetOrLoadAsync<T>(string key, TimeSpan ttl, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        var database = await DatabaseAsync(cancellationToken);
        if (database is not null)
        {
            try
            {
                var cached = await database.StringGetAsync(key).WaitAsync(Patience, cancellationToken);
                if (cached.HasValue)
                {
                    return JsonSerializer.Deserialize<T>((string)cached!, InventoryJson.Options);
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogCacheUnavailable(e.Message);
            }
        }

        var value = await load(cancellationToken);
        if (value is not null && database is not null)
        {
            _ = database.StringSetAsync(key, JsonSerializer.Serialize(value, InventoryJson.Options), ttl, flags: CommandFlags.FireAndForget);
        }

        return value;
    }

    /// <summary>Deletes the keys, waiting briefly so the caller's next read (often the client's) misses them.</summary>
    public async Task InvalidateAsync(IEnumerable<string> keys)
    {
        var redisKeys = keys.Distinct().Select(k => (RedisKey)k).ToArray();
        if (redisKeys.Length == 0 || await DatabaseAsync(CancellationToken.None) is not { } database)
        {
            return;
        }

        try
        {
            await database.KeyDeleteAsync(redisKeys).WaitAsync(Patience);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogCacheUnavailable(e.Message);
        }
    }

    /// <summary>
    /// Deletes the keys without waiting for Redis to confirm: for the reservation path, which changes
    /// levels hundreds of times a second, where awaiting each confirmation cost more CPU than the
    /// rest of the batch's bookkeeping. Redis applies commands of one connection in order, so this
    /// replica never reads the deleted value again; another replica can for the microseconds the
    /// command is on the wire, a staleness cache-aside has anyway.
    /// </summary>
    public async Task InvalidateInBackgroundAsync(IEnumerable<string> keys)
    {
        var redisKeys = keys.Distinct().Select(k => (RedisKey)k).ToArray();
        if (redisKeys.Length > 0 && await DatabaseAsync(CancellationToken.None) is { } database)
        {
            database.KeyDelete(redisKeys, CommandFlags.FireAndForget);
        }
    }

    private async Task<IDatabase?> DatabaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await redis.GetConnectionAsync(cancellationToken).WaitAsync(Patience, cancellationToken);
            return connection.IsConnected ? connection.GetDatabase() : null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or InvalidOperationException)
        {
            LogCacheUnavailable(e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Cache unavailable, using the database: {Reason}")]
    private partial void LogCacheUnavailable(string reason);
}
