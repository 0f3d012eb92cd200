using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Synkro.Gateway.Identity;
using Synkro.Security;

namespace Synkro.Gateway.Tokens;

public static class TokenServerExtensions
{
    /// <summary>
    /// OAuth2/OpenID Connect on OpenIddict: <c>/connect/authorize</c> (code with PKCE, for the staff UI),
    /// <c>/connect/token</c> (authorization_code, password, refresh_token, client_credentials),
    /// <c>/connect/revoke</c>, discovery and JWKS. Access tokens are ES256 JWTs for the <c>synkro-api</c> audience; refresh
    /// tokens rotate on every use, and presenting a used one revokes its whole family at once.
    /// </summary>
    public static IHostApplicationBuilder AddTokenServer(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(TokenSettings.Section).Get<IdentitySettings>() ?? new IdentitySettings();
        var validation = builder.Configuration.GetSection(TokenSettings.Section).Get<TokenSettings>() ?? new TokenSettings();
        builder.Services.Configure<IdentitySettings>(builder.Configuration.GetSection(TokenSettings.Section));
        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SigningKeyRing>());
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, SigningKeysFromRing>();
        builder.Services.AddHostedService<FirstPartyClients>();

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(server =>
            {
                server.SetIssuer(new Uri(validation.Issuer))
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");
                server.AllowPasswordFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange();
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    // No grace period: the second use of a refresh token is a theft signal.
                    .SetRefreshTokenReuseLeeway(null);
                // Resource servers read the JWT themselves; codes and refresh tokens stay sealed.
                server.DisableAccessTokenEncryption();
                server.AddEncryptionKey(new SymmetricSecurityKey(settings.SealingKey()));
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    // TLS ends in front of the gateway (or nowhere, on a developer's machine).
                    .DisableTransportSecurityRequirement();
            });
        return builder;
    }

    /// <summary>Hands the ring's keys to OpenIddict when its options are first built, after the ring has loaded.</summary>
    private sealed class SigningKeysFromRing(SigningKeyRing ring) : IConfigureOptions<OpenIddictServerOptions>
    {
        public void Configure(OpenIddictServerOptions options)
        {
            foreach (var key in ring.Keys)
            {
                options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256));
            }
        }
    }
}
