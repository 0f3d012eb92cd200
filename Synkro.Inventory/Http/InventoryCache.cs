using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace Synkro.Inventory.Http;

/// <summary>
/// Cache-aside for read-mostly answers (item details, level summaries) on HybridCache, with Redis as
/// its second level and stampede protection (one load per key however many readers miss at once).
/// Writers remove the keys after their transaction commits. Entries skip HybridCache's in-process
/// first level: its removals reach only the replica that makes them (tag invalidation too: each
/// process caches a tag's invalidation time once), so the other replica would serve the old item
/// after an update. In Redis alone, a removal is seen by both replicas at once.
/// Redis being away costs only the cache: reads load from the database and writers' removals fail
/// quietly (HybridCache itself throws for them, which answered a PUT with 500 before). Reservation
/// decisions never read it.
/// </summary>
public sealed partial class InventoryCache(HybridCache cache, ILogger<InventoryCache> logger)
{
    public static readonly TimeSpan ItemTtl = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan LevelsTtl = TimeSpan.FromSeconds(30);

    public static string ItemKey(string sku) => $"inventory:item:{sku}";

    public static string LevelsKey(string sku) => $"inventory:levels:{sku}";

    public async Task<T?> GetOrLoadAsync<T>(string key, TimeSpan ttl, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        var options = new HybridCacheEntryOptions { Expiration = ttl, Flags = HybridCacheEntryFlags.DisableLocalCache };
        T? value;
        try
        {
            value = await cache.GetOrCreateAsync(key, async ct => await load(ct), options, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            LogCacheUnavailable(e.Message);
            return await load(cancellationToken);
        }

        if (value is null)
        {
            // Not found stays uncached: the item may be created the next moment, and creating does not invalidate.
            await RemoveQuietlyAsync([key]);
        }

        return value;
    }

    public Task InvalidateAsync(IEnumerable<string> keys) => RemoveQuietlyAsync([.. keys.Distinct()]);

    /// <summary>
    /// For the reservation path, which changes levels hundreds of times a second: the removal is not
    /// awaited, so the batch does not wait on Redis. Another replica may read the old summary for the
    /// moment the command is on the wire, a staleness cache-aside has anyway.
    /// </summary>
    public void InvalidateInBackground(IEnumerable<string> keys) => _ = RemoveQuietlyAsync([.. keys.Distinct()]);

    private async Task RemoveQuietlyAsync(string[] keys)
    {
        if (keys.Length == 0)
        {
            return;
        }

        try
        {
            await cache.RemoveAsync(keys);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            LogRemovalFailed(keys.Length, e.Message);
        }
    }

    private static bool IsUnavailable(Exception e) => e is RedisException or TimeoutException;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Cache unavailable, reading the database: {Reason}")]
    private partial void LogCacheUnavailable(string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Cache unavailable: {Count} keys not removed ({Reason})")]
    private partial void LogRemovalFailed(int count, string reason);
}
