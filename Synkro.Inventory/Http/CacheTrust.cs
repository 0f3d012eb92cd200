using System.Threading.Channels;
using StackExchange.Redis;

namespace Synkro.Inventory.Http;

/// <summary>
/// Whether this replica may believe the inventory entries in Redis. A removal that could not reach
/// Redis leaves the old answer there (a restarted Redis even loads it back from its snapshot), and
/// a replica cannot know which removals another replica missed. So after a lost connection or a
/// failed removal the replica reads past the cache, and once Redis answers it deletes every
/// inventory entry before it trusts the cache again: a cold cache after an outage, never a stale one.
/// </summary>
public sealed partial class CacheTrust(IConnectionMultiplexer redis, ILogger<CacheTrust> logger) : BackgroundService
{
    private const string InventoryKeys = "inventory:*";
    private readonly Channel<bool> distrusted = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long epoch;
    private long trustedEpoch;

    public bool IsTrusted => Interlocked.Read(ref trustedEpoch) == Interlocked.Read(ref epoch) && redis.IsConnected;

    public bool IsConnected => redis.IsConnected;

    public void Distrust(string reason)
    {
        if (Interlocked.Increment(ref epoch) - 1 == Interlocked.Read(ref trustedEpoch))
        {
            LogDistrusted(reason);
        }

        // Signalled after the increment, always: the clearing loop then sees the new epoch.
        distrusted.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += (_, e) => Distrust($"{e.ConnectionType} connection {e.FailureType}");
        while (!stoppingToken.IsCancellationRequested)
        {
            await distrusted.Reader.ReadAsync(stoppingToken);
            while (Interlocked.Read(ref epoch) != Interlocked.Read(ref trustedEpoch))
            {
                // The epoch read before the flush: a failure during it makes the flush count for nothing.
                var flushing = Interlocked.Read(ref epoch);
                if (redis.IsConnected && await TryForgetAllAsync() is { } forgotten)
                {
                    Interlocked.Exchange(ref trustedEpoch, flushing);
                    LogCleared(forgotten);
                    continue;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task<int?> TryForgetAllAsync()
    {
        try
        {
            var database = redis.GetDatabase();
            var forgotten = 0;
            foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            {
                await foreach (var keys in server.KeysAsync(pattern: InventoryKeys, pageSize: 1000).Chunk(1000))
                {
                    forgotten += (int)await database.KeyDeleteAsync(keys);
                }
            }

            return forgotten;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFlushFailed(e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Cache not trusted ({Reason}): reads go to the database until it is cleared")]
    private partial void LogDistrusted(string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Cache cleared of {Count} inventory entries after an outage")]
    private partial void LogCleared(int count);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug, Message = "Cache not cleared yet: {Reason}")]
    private partial void LogFlushFailed(string reason);
}
