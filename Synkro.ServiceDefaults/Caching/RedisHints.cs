using StackExchange.Redis;

namespace Synkro.Caching;

/// <summary>
/// Hints for live screens over Redis pub/sub: "this changed", published after the change commits so
/// every replica's listeners hear it. Fire and forget: the data stays the truth, a hint lost while
/// Redis is away only delays a screen until it reads again.
/// </summary>
public static class RedisHints
{
    public static void PublishHint(this IConnectionMultiplexer redis, RedisChannel channel, string message)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        try
        {
            redis.GetSubscriber().Publish(channel, message, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Listeners catch up at their next read.
        }
    }
}
