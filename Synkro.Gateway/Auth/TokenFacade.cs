using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Synkro.Gateway.Tokens;

namespace Synkro.Gateway.Auth;

/// <summary>
/// <c>/auth/login</c> and <c>/auth/refresh</c> are the same token service as <c>/connect/token</c>: this
/// posts the equivalent OAuth2 request to this gateway's own token endpoint (over loopback, with a
/// per-process key so the sign-in rate limit is not counted twice) and reshapes the answer.
/// </summary>
public sealed class TokenFacade(HttpClient http, IServer server)
{
    public const string InternalHeader = "X-Synkro-Facade";

    /// <summary>Proves a request came from this process; never leaves it.</summary>
    public static readonly string InternalKey = Guid.NewGuid().ToString("N");

    public Task<TokenOutcome> PasswordAsync(string username, string password, CancellationToken cancellationToken) => ExchangeAsync(
        new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = FirstPartyClients.StaffClient,
            ["username"] = username,
            ["password"] = password,
            ["scope"] = "offline_access",
        },
        cancellationToken);

    public Task<TokenOutcome> RefreshAsync(string refreshToken, CancellationToken cancellationToken) => ExchangeAsync(
        new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = FirstPartyClients.StaffClient,
            ["refresh_token"] = refreshToken,
        },
        cancellationToken);

    private async Task<TokenOutcome> ExchangeAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SelfAddress(), "/connect/token")) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(InternalHeader, InternalKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<OAuthResponse>(cancellationToken) ?? new OAuthResponse();
        return response.StatusCode == HttpStatusCode.OK && body.AccessToken is not null
            ? new TokenOutcome(new TokenPair(body.AccessToken, body.RefreshToken, body.ExpiresIn, "Bearer"), null)
            : new TokenOutcome(null, body.ErrorDescription ?? body.Error ?? $"The token service answered {(int)response.StatusCode}.");
    }

    private Uri SelfAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The gateway has no HTTP address to call itself on.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }

    private sealed class OAuthResponse
    {
        [JsonPropertyName("access_token")]
        public string? AccessToken { get; init; }

        [JsonPropertyName("refresh_token")]
        public string? RefreshToken { get; init; }

        [JsonPropertyName("expires_in")]
        public int ExpiresIn { get; init; }

        [JsonPropertyName("error")]
        public string? Error { get; init; }

        [JsonPropertyName("error_description")]
        public string? ErrorDescription { get; init; }
    }
}

public sealed record TokenPair(string AccessToken, string? RefreshToken, int ExpiresIn, string TokenType);

public sealed record TokenOutcome(TokenPair? Tokens, string? Error);
