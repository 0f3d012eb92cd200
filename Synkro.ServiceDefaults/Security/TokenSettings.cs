namespace Synkro.Security;

/// <summary>
/// What a service needs to trust the gateway's access tokens, bound from the <c>Identity</c>
/// section. The AppHost sets <c>Identity__Issuer</c> to the gateway's public address for every project.
/// </summary>
public sealed class TokenSettings
{
    public const string Section = "Identity";

    /// <summary>The <c>aud</c> every Synkro access token carries.</summary>
    public const string ApiAudience = "synkro-api";

    public string Issuer { get; set; } = "http://localhost/";

    public string Audience { get; set; } = ApiAudience;

    /// <summary>Resolved through service discovery, so it names the gateway, not a host.</summary>
    public string MetadataAddress { get; set; } = $"http://{ResourceNames.Gateway}/.well-known/openid-configuration";

    /// <summary>Small: the gateway and the services share a clock on one machine or one cluster.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
