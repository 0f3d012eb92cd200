using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;
using Synkro.Security;

namespace Microsoft.Extensions.Hosting;

public static class TokenValidationExtensions
{
    /// <summary>The HttpClient that fetches the gateway's discovery document and keys.</summary>
    public const string MetadataClient = "synkro-identity-metadata";

    /// <summary>
    /// Validates the gateway's access tokens in this service: issuer, audience, lifetime with a small
    /// skew, ES256 only, keys from the gateway's discovery document (refetched when an unknown
    /// <c>kid</c> arrives, so rotated keys are picked up), and the logout denylist.
    /// </summary>
    public static AuthenticationBuilder AddTokenValidation(this IHostApplicationBuilder builder, Action<JwtBearerOptions>? configure = null)
    {
        var settings = builder.Configuration.GetSection(TokenSettings.Section).Get<TokenSettings>() ?? new TokenSettings();
        var authentication = builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MetadataAddress = settings.MetadataAddress;
            // Metadata travels inside the deployment over plain HTTP; what is trusted is checked below.
            options.RequireHttpsMetadata = false;
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                ClockSkew = settings.ClockSkew,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                NameClaimType = "name",
                RoleClaimType = "role",
            };
            options.Events = new JwtBearerEvents { OnTokenValidated = DeniedTokens.RejectDeniedAsync };
            configure?.Invoke(options);
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DeniedTokens>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeniedTokens>());
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((options, clock) =>
        {
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(new CachingTokenHandler(clock) { MapInboundClaims = false });
        });
        builder.Services.AddHttpClient(MetadataClient);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((options, http) => options.Backchannel ??= http.CreateClient(MetadataClient));
        return authentication;
    }
}
