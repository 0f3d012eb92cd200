namespace Synkro.Gateway.Tokens;

/// <summary>An ES256 key pair; the private half is PKCS#8, encrypted with the AppHost's identity secret.</summary>
public sealed class SigningKey
{
    public required string Id { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a newer key took over signing; the key stays published until its last token expires.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public required byte[] EncryptedPrivateKey { get; init; }
}

/// <summary>An access token revoked before it expires, kept until it would have expired anyway.</summary>
public sealed class DeniedToken
{
    public required string Jti { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
