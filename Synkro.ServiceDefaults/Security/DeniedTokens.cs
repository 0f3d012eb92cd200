using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Synkro.Security;

/// <summary>
/// Access tokens revoked before they expire (logout), by <c>jti</c>, held in memory in every
/// service so that checking one costs no round trip. The gateway records a denial in PostgreSQL, in
/// Redis with a TTL of the token's remaining life, and announces it on a Redis channel; each copy
/// adds what it hears, and reads the whole list from Redis at start, whenever its connection comes
/// back (messages may have been missed) and when the gateway announces a refill (after Redis lost its
/// data), and once a minute. Denials only accumulate until they expire, so a Redis that restarts empty takes nothing away.
/// Each copy counts itself as having heard a denial, and logout waits for the count (at most a second).
/// </summary>
public sealed partial class DeniedTokens(IConnectionMultiplexer redis, TimeProvider clock, ILogger<DeniedTokens> logger) : BackgroundService
{
    /// <summary>A copy reads the whole list this often too, so a message it somehow missed costs at most this long.</summary>
    private static readonly TimeSpan ReloadPeriod = TimeSpan.FromMinutes(1);

    public static readonly RedisChannel Channel = RedisChannel.Literal("synkro:denied-tokens");

    /// <summary>Announced by the gateway once it has written the whole list to Redis again.</summary>
    public const string Reload = "reload";

    private const string KeyPrefix = "synkro:denied-token:";
    private readonly ConcurrentDictionary<string, DateTimeOffset> denied = new();
    private volatile bool loaded;
    private volatile bool listening;

    public static RedisKey Key(string jti) => KeyPrefix + jti;

    /// <summary>Counts the copies that have heard a denial, so that logout can answer once all of them have.</summary>
    public static RedisKey Heard(string jti) => $"synkro:denied-heard:{jti}";

    public static string Announcement(string jti, DateTimeOffset expiresAt) => $"{jti} {expiresAt.ToUnixTimeSeconds()}";

    /// <summary>False until the list has been read from Redis once; until then a service can only accept tokens.</summary>
    public bool Loaded => loaded;

    public bool IsDenied(string jti) => denied.TryGetValue(jti, out var expiresAt) && expiresAt > clock.GetUtcNow();

    public void Add(string jti, DateTimeOffset expiresAt)
    {
        if (expiresAt > clock.GetUtcNow())
        {
            denied[jti] = expiresAt;
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Either connection back: the list can be read again, or denials were announced while the
        // subscription was away (it may come back seconds after the other, and after the gateway's refill).
        redis.ConnectionRestored += (_, _) => _ = ListenAndLoadAsync();
        // With Redis down at start the service starts anyway, and listens and loads once it connects.
        if (redis.IsConnected)
        {
            await ListenAndLoadAsync();
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReloadPeriod, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await ListenAndLoadAsync();
        }
    }

    /// <summary>Rejects a validated token that was revoked; registered as JwtBearer's OnTokenValidated.</summary>
    public static Task RejectDeniedAsync(TokenValidatedContext context)
    {
        if (context.Principal?.FindFirst("jti")?.Value is not { Length: > 0 } jti)
        {
            context.Fail("The token has no jti.");
            return Task.CompletedTask;
        }

        var services = context.HttpContext.RequestServices;
        if (services.GetService<IDeniedTokenCheck>() is { } check)
        {
            return RejectAsync(context, check, jti);
        }

        var list = services.GetRequiredService<DeniedTokens>();
        if (list.IsDenied(jti))
        {
            context.Fail("The token was revoked.");
        }
        else if (!list.Loaded)
        {
            list.LogNotLoaded();
        }

        return Task.CompletedTask;
    }

    private static async Task RejectAsync(TokenValidatedContext context, IDeniedTokenCheck check, string jti)
    {
        if (await check.IsDeniedAsync(jti, context.HttpContext.RequestAborted))
        {
            context.Fail("The token was revoked.");
        }
    }

    private void Hear(string message)
    {
        if (message == Reload)
        {
            _ = LoadAsync();
        }
        else if (message.Split(' ') is [var jti, var seconds] && long.TryParse(seconds, CultureInfo.InvariantCulture, out var unix))
        {
            Add(jti, DateTimeOffset.FromUnixTimeSeconds(unix));
            var db = redis.GetDatabase();
            db.StringIncrement(Heard(jti), flags: CommandFlags.FireAndForget);
            db.KeyExpire(Heard(jti), TimeSpan.FromMinutes(1), CommandFlags.FireAndForget);
        }
    }

    private async Task ListenAndLoadAsync()
    {
        if (!listening)
        {
            try
            {
                // Once subscribed, the multiplexer resubscribes by itself after a reconnect.
                await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Hear(message!));
                listening = true;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogLoadFailed(exception);
            }
        }

        await LoadAsync();
    }

    /// <summary>Adds every denial Redis holds (a few hundred at most: entries live one access-token lifetime) and forgets expired ones.</summary>
    private async Task LoadAsync()
    {
        try
        {
            var db = redis.GetDatabase();
            var now = clock.GetUtcNow();
            foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            {
                await foreach (var key in server.KeysAsync(db.Database, KeyPrefix + "*"))
                {
                    if (await db.KeyTimeToLiveAsync(key) is { } ttl)
                    {
                        Add(key.ToString()[KeyPrefix.Length..], now + ttl);
                    }
                }
            }

            foreach (var (jti, expiresAt) in denied)
            {
                if (expiresAt <= now)
                {
                    denied.TryRemove(jti, out _);
                }
            }

            loaded = true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogLoadFailed(exception);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Could not read the token denylist from Redis; denials already heard still apply")]
    private partial void LogLoadFailed(Exception exception);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "The token denylist has not been read from Redis yet; the token is accepted")]
    private partial void LogNotLoaded();
}

/// <summary>Replaces the in-memory check where a service keeps the denylist itself (the gateway).</summary>
public interface IDeniedTokenCheck
{
    Task<bool> IsDeniedAsync(string jti, CancellationToken cancellationToken);
}
