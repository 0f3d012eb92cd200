using System.Runtime.CompilerServices;
using StackExchange.Redis;
using Synkro.Caching;

namespace Synkro.Notifications.Inbox;

/// <summary>
/// Whose inbox just changed, for the live streams: published on a Redis channel after the change
/// commits, so a stream on any replica hears what any replica wrote. A hint, not a record: the inbox
/// rows are the truth, and a stream that misses a hint (Redis away) reads them again within its ping.
/// </summary>
public sealed class InboxFeed(IConnectionMultiplexer redis)
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("notifications:inbox-changed");

    public void Publish(IReadOnlyCollection<Guid> users)
    {
        if (users.Count == 0)
        {
            return;
        }

        redis.PublishHint(Channel, string.Join(',', users));
    }

    /// <summary>
    /// Ticks once as soon as it listens (true: read now, nothing since is missed), then when
    /// <paramref name="user"/>'s inbox changed (true; several changes at once are one tick), or when
    /// <paramref name="quiet"/> passed without one (false); until the caller goes.
    /// </summary>
    public async IAsyncEnumerable<bool> ChangesAsync(Guid user, TimeSpan quiet, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mine = user.ToString();
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        try
        {
            yield return true;

            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(quiet);
                var changed = false;
                try
                {
                    do
                    {
                        changed = (await queue.ReadAsync(wait.Token)).Message.ToString().Contains(mine, StringComparison.Ordinal);
                    }
                    while (!changed);

                    // What else came in the meantime is in the same read.
                    while (queue.TryRead(out _))
                    {
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Quiet for a while: the caller pings, and reads again in case a hint was lost.
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                yield return changed;
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
