using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Synkro.Web.Auth;

/// <summary>
/// Staff sign in at the gateway's identity with the authorization code and PKCE (the public client
/// <c>synkro-web</c>, registered by the gateway itself with this app's /signin-oidc). The web app then
/// keeps a cookie session of its own; the tokens stay on the server (<see cref="SessionTokens"/>).
/// </summary>
public static class StaffSignIn
{
    public const string Client = "synkro-web";

    public static void AddStaffSignIn(this IHostApplicationBuilder builder)
    {
        var issuer = builder.Configuration["Identity:Issuer"] ?? throw new InvalidOperationException("Identity:Issuer (the gateway's address) is not set; the AppHost sets it.");
        builder.Services.AddSingleton<SessionTokens>();
        builder.Services.AddHttpClient(nameof(SessionTokens));
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "synkro.staff";
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                cookie.AccessDeniedPath = "/denied";
                // A cookie whose server-side session is gone (signed out elsewhere, refresh refused) signs in again.
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    var tokens = context.HttpContext.RequestServices.GetRequiredService<SessionTokens>();
                    if (context.Principal?.FindFirstValue(SessionTokens.SessionClaim) is not { } session || !await tokens.ExistsAsync(session))
                    {
                        context.RejectPrincipal();
                    }
                };
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = issuer;
                oidc.RequireHttpsMetadata = false; // TLS ends in front of Synkro, or nowhere on a developer's machine
                oidc.ClientId = Client;
                oidc.ResponseType = "code";
                // The code comes back on a plain redirect: form_post (the handler's default) would need the
                // gateway's page to run an inline script, which its content security policy rightly forbids.
                oidc.ResponseMode = "query";
                oidc.UsePkce = true;
                oidc.Scope.Clear();
                oidc.Scope.Add("openid");
                oidc.Scope.Add("offline_access");
                // Without TLS (a developer's machine), the correlation and nonce cookies must not be Secure-only,
                // or the browser drops them and the callback fails; behind TLS they are Secure anyway.
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.SaveTokens = false;
                oidc.TokenValidationParameters.NameClaimType = "name";
                oidc.TokenValidationParameters.RoleClaimType = "role";
                oidc.Events.OnTokenValidated = StartSessionAsync;
            });
        builder.Services.AddUiPolicies();
        builder.Services.AddCascadingAuthenticationState();
    }

    public static IEndpointRouteBuilder MapStaffSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (string? returnUrl) => TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }));
        app.MapPost("/signout", async (HttpContext http, SessionTokens tokens) =>
        {
            await tokens.EndAsync(http.User, http.RequestAborted);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("/signed-out");
        });
        return app;
    }

    /// <summary>The code is redeemed: keep the tokens server side and give the cookie only a session id.</summary>
    private static async Task StartSessionAsync(TokenValidatedContext context)
    {
        var response = context.TokenEndpointResponse ?? throw new InvalidOperationException("The code flow answered no tokens.");
        var session = Guid.NewGuid().ToString("N");
        var tokens = context.HttpContext.RequestServices.GetRequiredService<SessionTokens>();
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        await tokens.SaveAsync(session, SessionTokens.From(response.AccessToken, response.RefreshToken, response.ExpiresIn, clock.GetUtcNow()));
        ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim(SessionTokens.SessionClaim, session));
    }

    private static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
}
