using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using Synkro.Gateway.Identity;
using Synkro.Security;

namespace Synkro.Gateway.Tokens;

/// <summary>
/// Access tokens revoked before they expire. PostgreSQL is the record; every service's in-memory copy
/// (<see cref="DeniedTokens"/>) hears of each denial on Redis and reads Redis for what it missed.
/// The gateway refills Redis from PostgreSQL when it starts and whenever its connection to Redis comes
/// back, so a Redis restart does not readmit a token; while Redis is away, or until that refill is
/// done, the gateway itself asks PostgreSQL, since another replica's denials cannot reach it.
/// </summary>
public sealed partial class TokenDenylist(IServiceScopeFactory scopes, IConnectionMultiplexer redis, DeniedTokens mirror, TimeProvider clock, ILogger<TokenDenylist> logger)
    : IDeniedTokenCheck, IHostedService, IDisposable
{
    private readonly SemaphoreSlim refilling = new(1, 1);
    private volatile bool current;

    public async Task DenyAsync(string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO identity.denied_tokens (\"Jti\", \"ExpiresAt\") VALUES ({jti}, {expiresAt}) ON CONFLICT DO NOTHING",
                cancellationToken);
        }

        mirror.Add(jti, expiresAt);
        if (!redis.IsConnected)
        {
            // Recorded in PostgreSQL; Redis and the services get it with the refill when the connection comes back.
            LogRedisDown(null);
            return;
        }

        try
        {
            await WriteAsync(jti, expiresAt);
            var listeners = await redis.GetSubscriber().PublishAsync(DeniedTokens.Channel, DeniedTokens.Announcement(jti, expiresAt));
            await AllHeardAsync(jti, listeners, cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRedisDown(exception);
        }
    }

    /// <summary>Logout answers once every service's copy has the denial (milliseconds), so the token fails at once everywhere.</summary>
    private async Task AllHeardAsync(string jti, long listeners, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow().AddSeconds(1);
        while ((long)await redis.GetDatabase().StringGetAsync(DeniedTokens.Heard(jti)) is var heard && heard < listeners)
        {
            if (clock.GetUtcNow() > deadline)
            {
                LogNotAllHeard(heard, listeners);
                return;
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    public async Task<bool> IsDeniedAsync(string jti, CancellationToken cancellationToken)
    {
        if (mirror.IsDenied(jti))
        {
            return true;
        }

        if (current && redis.IsConnected)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityDb>().DeniedTokens.AnyAsync(d => d.Jti == jti, cancellationToken);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += (_, _) => current = false;
        redis.ConnectionRestored += (_, args) =>
        {
            if (args.ConnectionType == ConnectionType.Interactive)
            {
                _ = RefillAsync();
            }
        };
        await RefillAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => refilling.Dispose();

    private async Task RefillAsync()
    {
        if (!refilling.Wait(0))
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var now = clock.GetUtcNow();
            await db.DeniedTokens.Where(d => d.ExpiresAt <= now).ExecuteDeleteAsync();
            var denied = await db.DeniedTokens.AsNoTracking().ToListAsync();
            foreach (var token in denied)
            {
                mirror.Add(token.Jti, token.ExpiresAt);
                await WriteAsync(token.Jti, token.ExpiresAt);
            }

            await redis.GetSubscriber().PublishAsync(DeniedTokens.Channel, DeniedTokens.Reload);
            current = true;
            LogRefilled(denied.Count);
        }
        catch (Exception exception) when (exception is RedisException or DbUpdateException or Npgsql.NpgsqlException or TimeoutException)
        {
            LogRefillFailed(exception);
        }
        finally
        {
            refilling.Release();
        }
    }

    private async Task WriteAsync(string jti, DateTimeOffset expiresAt)
    {
        var ttl = expiresAt - clock.GetUtcNow();
        if (ttl > TimeSpan.Zero)
        {
            await redis.GetDatabase().StringSetAsync(DeniedTokens.Key(jti), "1", ttl);
        }
    }

    [LoggerMessage(EventId = 1421, Level = LogLevel.Warning, Message = "Redis is unreachable; the denial is in PostgreSQL and reaches Redis and the services when Redis is back")]
    private partial void LogRedisDown(Exception? exception);

    [LoggerMessage(EventId = 1424, Level = LogLevel.Warning, Message = "A denial was heard by {Heard} of {Listeners} copies within a second; the others read it at their next reload (within a minute)")]
    private partial void LogNotAllHeard(long heard, long listeners);

    [LoggerMessage(EventId = 1422, Level = LogLevel.Information, Message = "Wrote {Count} revoked access tokens to Redis")]
    private partial void LogRefilled(int count);

    [LoggerMessage(EventId = 1423, Level = LogLevel.Warning, Message = "Could not refill the token denylist in Redis")]
    private partial void LogRefillFailed(Exception exception);
}
