using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Synkro.Gateway.Tokens;
using Synkro.Security;

namespace Synkro.Gateway.Edge;

/// <summary>What every request meets at the gateway before it is answered or forwarded.</summary>
public static class EdgeExtensions
{
    public const string StaffUiCors = "staff-ui";

    /// <summary>No request to Synkro needs more; a bigger one is refused with 413 before it is read or forwarded.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IHostApplicationBuilder AddEdge(this IHostApplicationBuilder builder)
    {
        // The same validation as every service, except that the gateway knows its keys and denylist first-hand.
        builder.AddTokenValidation();
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeyRing>((options, ring) =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = options.TokenValidationParameters.ValidIssuer };
            foreach (var key in ring.Keys)
            {
                configuration.SigningKeys.Add(key);
            }

            options.Configuration = configuration;
        });
        builder.Services.AddSingleton<TokenDenylist>();
        builder.Services.AddSingleton<IDeniedTokenCheck>(services => services.GetRequiredService<TokenDenylist>());
        builder.Services.AddHostedService(services => services.GetRequiredService<TokenDenylist>());
        EdgePolicies.Add(builder.Services.AddAuthorizationBuilder());
        builder.AddRateLimits();

        var origins = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddPolicy(StaffUiCors, policy => policy
            .WithOrigins(origins)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders(SecurityHeaders.TraceIdHeader, "Retry-After")));
        return builder;
    }

    public static WebApplication UseEdge(this WebApplication app)
    {
        // Problem details for exceptions and bodiless errors come from MapDefaultEndpoints, before this.
        app.UseSecurityHeaders();
        app.UseCors(StaffUiCors);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
