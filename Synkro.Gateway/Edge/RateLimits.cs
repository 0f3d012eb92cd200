using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.RateLimiting;
using OpenIddict.Abstractions;
using RedisRateLimiting;
using StackExchange.Redis;
using Synkro.Gateway.Auth;
using Synkro.Security;

namespace Synkro.Gateway.Edge;

/// <summary>
/// Fixed-window limits counted in Redis, so every gateway replica sees the same counts: per user (or
/// per client IP when anonymous) for all traffic, and a much smaller per-IP budget for attempts that
/// carry a password or a client secret, refused before it is checked. Over the limit: 429 with
/// <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public sealed class Settings
    {
        /// <summary>Off only where something in front of the gateway limits already, or to measure what the limits cost.</summary>
        public bool Enabled { get; set; } = true;

        public int SignInPermits { get; set; } = 10;

        public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

        public int RequestPermits { get; set; } = 1200;

        public TimeSpan RequestWindow { get; set; } = TimeSpan.FromMinutes(1);
    }

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("RateLimits").Get<Settings>() ?? new Settings();
        builder.Services.AddRateLimiter(limiter =>
        {
            if (!settings.Enabled)
            {
                limiter.AddPolicy(SignIn, _ => RateLimitPartition.GetNoLimiter("disabled"));
                return;
            }

            limiter.OnRejected = RejectAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (IsExempt(http) || RedisDown(http))
                {
                    return RateLimitPartition.GetNoLimiter("exempt");
                }

                var who = http.User.FindFirstValue("sub") is { } subject ? $"user:{subject}" : $"ip:{ClientIp(http)}";
                return RedisRateLimitPartition.GetFixedWindowRateLimiter($"synkro:rl:requests:{who}", _ => new RedisFixedWindowRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = http.RequestServices.GetRequiredService<IConnectionMultiplexer>,
                    PermitLimit = settings.RequestPermits,
                    Window = settings.RequestWindow,
                });
            });
            limiter.AddPolicy(SignIn, http => IsExempt(http) || !CarriesSecret(http) || RedisDown(http)
                ? RateLimitPartition.GetNoLimiter("exempt")
                : RedisRateLimitPartition.GetFixedWindowRateLimiter($"synkro:rl:sign-in:{ClientIp(http)}", _ => new RedisFixedWindowRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = http.RequestServices.GetRequiredService<IConnectionMultiplexer>,
                    PermitLimit = settings.SignInPermits,
                    Window = settings.SignInWindow,
                }));
        });
        return builder;
    }

    /// <summary>
    /// Probes, the sign-in facade's own call to the token endpoint (already counted once), and
    /// Synkro's own services asking the directory: Notifications looks up recipients for every alert,
    /// so a per-caller budget would cap the alerts a second the whole system can send (1,200 a minute
    /// did: 20 alerts/s, the rest waiting out retries). Only the AppHost grants that scope.
    /// </summary>
    private static bool IsExempt(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/alive")
        || http.Request.Headers[TokenFacade.InternalHeader] == TokenFacade.InternalKey
        || ServiceScopes.HasScope(http.User, ServiceScopes.Directory);

    /// <summary>
    /// What the sign-in budget guards is guessing passwords. Showing the sign-in form, redeeming a code
    /// or rotating a refresh token checks none (and the staff UI redeems every staff member's code
    /// from one address, so counting it would cap sign-ins for the whole installation). OpenIddict has
    /// already read its request during authentication, before the limiter runs.
    /// </summary>
    private static bool CarriesSecret(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && (http.GetOpenIddictServerRequest() is not { } oauth || !(oauth.IsAuthorizationCodeGrantType() || oauth.IsRefreshTokenGrantType()));

    /// <summary>
    /// Without Redis there are no shared counts: requests pass unlimited (and the gateway stays up)
    /// rather than each waiting out a command timeout and failing.
    /// </summary>
    private static bool RedisDown(HttpContext http) => !http.RequestServices.GetRequiredService<IConnectionMultiplexer>().IsConnected;

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        // The Redis limiter publishes its wait under its own name (System's MetadataName.RetryAfter is never
        // set), in whole seconds to the window's last second; the window turns one second after that.
        var seconds = context.Lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var wait) ? wait + 1 : 1;
        response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = $"Try again in {response.Headers.RetryAfter} s." },
        });
    }
}
