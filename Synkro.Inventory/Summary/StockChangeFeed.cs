using System.Runtime.CompilerServices;
using StackExchange.Redis;
using Synkro.Caching;

namespace Synkro.Inventory.Summary;

/// <summary>
/// Which SKUs' stock just changed, for screens that show it live: published on a Redis channel after
/// each write commits, so every replica's subscribers hear what any replica changed. A hint, not a
/// record: a message lost while Redis is away only delays a screen until the next change, and the
/// ledger stays the truth. Integration events (Wolverine) are for services that must not miss one.
/// </summary>
public sealed class StockChangeFeed(IConnectionMultiplexer redis)
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("inventory:stock-changed");

    public void Publish(IReadOnlyCollection<string> skus)
    {
        if (skus.Count == 0)
        {
            return;
        }

        redis.PublishHint(Channel, string.Join(',', skus));
    }

    /// <summary>Each change's SKUs as it is published, until the caller goes.</summary>
    public async IAsyncEnumerable<string> ChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ChannelMessage message;
                try
                {
                    message = await queue.ReadAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                yield return message.Message.ToString();
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
