using System.Security.Cryptography;
using System.Text;

namespace Synkro.Gateway.Tokens;

/// <summary>The token server's settings (<c>Identity</c> section); the secret comes from an AppHost parameter.</summary>
public sealed class IdentitySettings
{
    /// <summary>Encrypts signing keys at rest and derives the key that seals refresh tokens and codes.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Where the staff UI may receive its authorization code (its <c>/signin-oidc</c>).</summary>
    public List<Uri> WebRedirectUris { get; set; } = [];

    /// <summary>
    /// Synkro's own services that call others with no user behind the call (a step of the order
    /// process), by service name: client id, secret (an AppHost parameter) and role. Registered at every start.
    /// </summary>
    public Dictionary<string, ServiceClient> ServiceClients { get; set; } = [];

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long one key signs before a new one takes over (checked when a gateway starts).</summary>
    public TimeSpan KeyRotationPeriod { get; set; } = TimeSpan.FromDays(30);

    public byte[] SealingKey()
    {
        if (Secret.Length < 32)
        {
            throw new InvalidOperationException("Identity:Secret (the AppHost's identity-secret parameter) must be set, at least 32 characters.");
        }

        return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(Secret), 32, info: "synkro-token-sealing"u8.ToArray());
    }
}

public sealed class ServiceClient
{
    public string ClientId { get; set; } = "";

    public string Secret { get; set; } = "";

    public string Role { get; set; } = "";

    /// <summary>Rights beyond the role (<see cref="Synkro.Security.ServiceScopes"/>), put in every token the client gets.</summary>
    public List<string> Scopes { get; set; } = [];
}
