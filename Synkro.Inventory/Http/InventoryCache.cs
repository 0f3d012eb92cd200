using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace Synkro.Inventory.Http;

/// <summary>
/// Cache-aside for read-mostly answers (item details, level summaries) on HybridCache, with Redis as
/// its second level and stampede protection (one load per key however many readers miss at once).
/// Writers remove the keys after their transaction commits. Entries skip HybridCache's in-process
/// first level: its removals reach only the replica that makes them (tag invalidation too: each
/// process caches a tag's invalidation time once), so the other replica would serve the old item
/// after an update. In Redis alone, a removal is seen by both replicas at once. HybridCache treats a
/// failing Redis as a miss, so an outage only costs the cache. Reservation decisions never read it.
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
        var value = await cache.GetOrCreateAsync(key, async ct => await load(ct), options, cancellationToken: cancellationToken);
        if (value is null)
        {
            // Not found stays uncached: the item may be created the next moment, and creating does not invalidate.
            await cache.RemoveAsync(key, cancellationToken);
        }

        return value;
    }

    public async Task InvalidateAsync(IEnumerable<string> keys) => await cache.RemoveAsync(keys.Distinct());

    /// <summary>
    /// For the reservation path, which changes levels hundreds of times a second: the removal is not
    /// awaited, so the batch does not wait on Redis. Another replica may read the old summary for the
    /// moment the command is on the wire, a staleness cache-aside has anyway.
    /// </summary>
    public void InvalidateInBackground(IEnumerable<string> keys) => _ = RemoveQuietlyAsync([.. keys.Distinct()]);

    private async Task RemoveQuietlyAsync(string[] keys)
    {
        try
        {
            await cache.RemoveAsync(keys);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogCacheUnavailable(e.Message);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Cache unavailable, its entries expire on their own: {Reason}")]
    private partial void LogCacheUnavailable(string reason);
}
