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
/// Redis being away costs only the cache: reads load from the database, writers' removals fail
/// quietly (HybridCache itself throws for them, which answered a PUT with 500 before), and the
/// cache is not believed again until <see cref="CacheTrust"/> has cleared what those removals
/// missed. Reservation decisions never read it.
/// </summary>
/// Every write calls it once its transaction has committed, so it is also where the live feed hears
/// which SKUs' levels changed (<see cref="Summary.StockChangeFeed"/>).
public sealed partial class InventoryCache(HybridCache cache, CacheTrust trust, Summary.StockChangeFeed feed, ILogger<InventoryCache> logger)
{
    public static readonly TimeSpan ItemTtl = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan LevelsTtl = TimeSpan.FromSeconds(30);

    public static string ItemKey(string sku) => $"inventory:item:{sku}";

    private const string LevelsPrefix = "inventory:levels:";

    /// <summary>The dashboard summary: a scan of the whole catalogue, so it is computed once for every reader until stock moves.</summary>
    public const string SummaryKey = "inventory:summary";

    public static readonly TimeSpan SummaryTtl = TimeSpan.FromSeconds(30);

    public static string LevelsKey(string sku) => LevelsPrefix + sku;

    public async Task<T?> GetOrLoadAsync<T>(string key, TimeSpan ttl, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        if (!trust.IsTrusted)
        {
            return await load(cancellationToken);
        }

        var options = new HybridCacheEntryOptions { Expiration = ttl, Flags = HybridCacheEntryFlags.DisableLocalCache };
        T? value;
        try
        {
            value = await cache.GetOrCreateAsync(key, async ct => await load(ct), options, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            LogCacheUnavailable(e.Message);
            trust.Distrust(e.Message);
            return await load(cancellationToken);
        }

        if (value is null)
        {
            // Not found stays uncached: the item may be created the next moment, and creating does not invalidate.
            await RemoveQuietlyAsync([key]);
        }

        return value;
    }

    public Task InvalidateAsync(IEnumerable<string> keys)
    {
        var distinct = Announce([.. keys.Distinct()]);
        return RemoveQuietlyAsync(distinct);
    }

    /// <summary>
    /// For the reservation path, which changes levels hundreds of times a second: the removal is not
    /// awaited, so the batch does not wait on Redis. Another replica may read the old summary for the
    /// moment the command is on the wire, a staleness cache-aside has anyway.
    /// </summary>
    public void InvalidateInBackground(IEnumerable<string> keys)
    {
        var distinct = Announce([.. keys.Distinct()]);
        _ = RemoveQuietlyAsync(distinct);
    }

    /// <summary>Tells the live feed which SKUs' levels changed; those change the summary too, so its key goes with them.</summary>
    private string[] Announce(string[] keys)
    {
        string[] skus = [.. keys.Where(k => k.StartsWith(LevelsPrefix, StringComparison.Ordinal)).Select(k => k[LevelsPrefix.Length..])];
        feed.Publish(skus);
        return skus.Length == 0 ? keys : [.. keys, SummaryKey];
    }

    private async Task RemoveQuietlyAsync(string[] keys)
    {
        if (keys.Length == 0)
        {
            return;
        }

        if (!trust.IsConnected)
        {
            // Known to be down: no use waiting out a timeout; the clearing after the outage covers these keys.
            trust.Distrust("removal while disconnected");
            return;
        }

        try
        {
            await cache.RemoveAsync(keys);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            LogRemovalFailed(keys.Length, e.Message);
            trust.Distrust(e.Message);
        }
    }

    private static bool IsUnavailable(Exception e) => e is RedisException or TimeoutException;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Cache unavailable, reading the database: {Reason}")]
    private partial void LogCacheUnavailable(string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Cache unavailable: {Count} keys not removed ({Reason})")]
    private partial void LogRemovalFailed(int count, string reason);
}
