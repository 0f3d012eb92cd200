using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Synkro.Web.Auth;

/// <summary>A signed-in person's tokens. They never reach the browser: the cookie carries only who it is and the session id.</summary>
public sealed record StaffTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);

/// <summary>
/// The tokens of each staff session, kept server side in Redis (encrypted with Data Protection) under
/// the session id the cookie carries, and refreshed shortly before the access token expires. The
/// gateway rotates refresh tokens and treats a second use as theft, so refreshes of one session are
/// serialized here (one web replica; several would need a distributed lock).
/// </summary>
public sealed class SessionTokens(
    IDistributedCache cache,
    IDataProtectionProvider protection,
    IHttpClientFactory http,
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    TimeProvider clock,
    ILogger<SessionTokens> logger)
{
    public const string SessionClaim = "synkro_session";
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Refreshing = new();
    private readonly IDataProtector protector = protection.CreateProtector("Synkro.Web.SessionTokens");

    public async Task SaveAsync(string session, StaffTokens tokens, CancellationToken cancellationToken = default) =>
        await cache.SetAsync(Key(session), protector.Protect(JsonSerializer.SerializeToUtf8Bytes(tokens)),
            new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(12) }, cancellationToken);

    public async Task<bool> ExistsAsync(string session, CancellationToken cancellationToken = default) =>
        await cache.GetAsync(Key(session), cancellationToken) is not null;

    /// <summary>A valid access token for the user's session, refreshed if it is about to expire; null when the session has ended.</summary>
    public async Task<string?> AccessTokenAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.FindFirstValue(SessionClaim) is not { } session || await ReadAsync(session, cancellationToken) is not { } tokens)
        {
            return null;
        }

        if (tokens.ExpiresAt - clock.GetUtcNow() > RefreshAhead)
        {
            return tokens.AccessToken;
        }

        var gate = Refreshing.GetOrAdd(session, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another call may have refreshed while this one waited.
            tokens = await ReadAsync(session, cancellationToken);
            if (tokens is null || tokens.ExpiresAt - clock.GetUtcNow() > RefreshAhead)
            {
                return tokens?.AccessToken;
            }

            var refreshed = await RefreshAsync(tokens.RefreshToken, cancellationToken);
            if (refreshed is null)
            {
                await cache.RemoveAsync(Key(session), cancellationToken);
                return null;
            }

            await SaveAsync(session, refreshed, cancellationToken);
            return refreshed.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Sign-out: the refresh token is revoked at the gateway (with its whole family) and the session forgotten.</summary>
    public async Task EndAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.FindFirstValue(SessionClaim) is not { } session || await ReadAsync(session, cancellationToken) is not { } tokens)
        {
            return;
        }

        var configuration = await ConfigurationAsync(cancellationToken);
        if (configuration.AdditionalData.TryGetValue("revocation_endpoint", out var endpoint) && endpoint is string revocation)
        {
            using var response = await http.CreateClient(nameof(SessionTokens)).PostAsync(revocation, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = Options.ClientId!,
                ["token"] = tokens.RefreshToken,
                ["token_type_hint"] = "refresh_token",
            }), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Log.RevocationFailed(logger, (int)response.StatusCode);
            }
        }

        await cache.RemoveAsync(Key(session), cancellationToken);
        Refreshing.TryRemove(session, out _);
    }

    public static StaffTokens From(string accessToken, string refreshToken, string? expiresIn, DateTimeOffset now) =>
        new(accessToken, refreshToken, now.AddSeconds(int.TryParse(expiresIn, out var seconds) ? seconds : 300));

    private async Task<StaffTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        using var response = await http.CreateClient(nameof(SessionTokens)).PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Options.ClientId!,
            ["refresh_token"] = refreshToken,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            Log.RefreshFailed(logger, (int)response.StatusCode);
            return null;
        }

        var body = (await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken))!;
        return From(body.AccessToken, body.RefreshToken, body.ExpiresIn.ToString(System.Globalization.CultureInfo.InvariantCulture), clock.GetUtcNow());
    }

    private OpenIdConnectOptions Options => oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);

    private Task<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration> ConfigurationAsync(CancellationToken cancellationToken) =>
        Options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);

    private async Task<StaffTokens?> ReadAsync(string session, CancellationToken cancellationToken) =>
        await cache.GetAsync(Key(session), cancellationToken) is { } bytes ? JsonSerializer.Deserialize<StaffTokens>(protector.Unprotect(bytes)) : null;

    private static string Key(string session) => $"web:session:{session}";

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing a staff session's token failed ({Status}); the session has ended.")]
    public static partial void RefreshFailed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking a staff session's refresh token failed ({Status}).")]
    public static partial void RevocationFailed(ILogger logger, int status);
}
