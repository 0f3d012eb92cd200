using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Synkro.Security;

/// <summary>
/// A service's own identity, for the calls no user makes (a step of a background process): an access
/// token from the gateway's token endpoint by the client credentials grant, with the client id and
/// secret the AppHost gives (<c>ServiceClient__Id</c>, <c>ServiceClient__Secret</c>), kept until a
/// fifth of its lifetime is left. One request at a time renews it; the others wait for that one.
/// </summary>
public sealed class ServiceTokens(IHttpClientFactory http, IConfiguration configuration, TimeProvider clock)
{
    private readonly SemaphoreSlim renewing = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? current;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } token && clock.GetUtcNow() < token.RenewAt)
        {
            return token.Token;
        }

        await renewing.WaitAsync(cancellationToken);
        try
        {
            if (current is { } renewed && clock.GetUtcNow() < renewed.RenewAt)
            {
                return renewed.Token;
            }

            var started = clock.GetUtcNow();
            using var gateway = http.CreateClient(nameof(ServiceTokens));
            using var response = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = configuration["ServiceClient:Id"] ?? throw new InvalidOperationException("ServiceClient:Id is not configured."),
                ["client_secret"] = configuration["ServiceClient:Secret"] ?? throw new InvalidOperationException("ServiceClient:Secret is not configured."),
            }), cancellationToken);
            response.EnsureSuccessStatusCode();
            var issued = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new InvalidOperationException("The token endpoint answered no token.");
            current = (issued.AccessToken, started.AddSeconds(issued.ExpiresIn * 0.8));
            return issued.AccessToken;
        }
        finally
        {
            renewing.Release();
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

public static class ServiceTokenExtensions
{
    /// <summary>Tokens for this service's own calls, from the gateway found by service discovery.</summary>
    public static IHostApplicationBuilder AddServiceTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(ServiceTokens), http => http.BaseAddress = new Uri($"http://{ResourceNames.Gateway}"));
        builder.Services.AddSingleton<ServiceTokens>();
        return builder;
    }
}
