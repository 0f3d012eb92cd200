using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Synkro.Security;

/// <summary>
/// Remembers tokens it has validated, by their exact text, until they expire: a client sends the same
/// access token with every request for its whole lifetime, and checking its ES256 signature again
/// each time was the largest part of the gateway's cost per request (docs/identity.md). Any other
/// text, a changed byte included, is validated in full; the denylist is still checked on every
/// request (JwtBearer's OnTokenValidated runs either way), and expiry is checked again on a hit.
/// </summary>
internal sealed class CachingTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    /// <summary>Bounded: past it, the cache is cleared and refills with the tokens in use.</summary>
    private const int Capacity = 50_000;

    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTimeOffset ExpiresAt)> validated = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (validated.TryGetValue(token, out var hit))
        {
            if (hit.ExpiresAt > now)
            {
                return Copy(hit.Result);
            }

            validated.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken { ValidTo: var validTo } && validTo > now.UtcDateTime)
        {
            if (validated.Count >= Capacity)
            {
                validated.Clear();
            }

            validated[token] = (result, new DateTimeOffset(validTo, TimeSpan.Zero));
            return Copy(result);
        }

        return result;
    }

    /// <summary>Each request gets its own identity, so nothing one request adds to it reaches another.</summary>
    private static TokenValidationResult Copy(TokenValidationResult result) => new()
    {
        IsValid = true,
        ClaimsIdentity = result.ClaimsIdentity.Clone(),
        SecurityToken = result.SecurityToken,
        Issuer = result.Issuer,
        TokenType = result.TokenType,
    };
}
