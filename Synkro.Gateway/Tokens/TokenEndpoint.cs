using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Synkro.Gateway.Identity;
using Synkro.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Synkro.Gateway.Tokens;

/// <summary>
/// The grants of <c>/connect/token</c>. OpenIddict has already validated the request (client, grant
/// type, and for refresh tokens the token itself, its rotation and reuse); this decides who the
/// bearer is and what the token says.
/// </summary>
public static class TokenEndpoint
{
    /// <summary>Where a machine client's role is kept, in its OpenIddict application properties.</summary>
    public const string ClientRoleProperty = "synkro_role";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", ExchangeAsync).ExcludeFromDescription().RequireRateLimiting(Edge.RateLimits.SignIn);
        return app;
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext http,
        UserManager<SynkroUser> users,
        IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict request.");
        if (request.IsPasswordGrantType())
        {
            var (user, error) = await PasswordSignIn.CheckAsync(users, request.Username, request.Password);
            if (user is null)
            {
                return Reject(Errors.InvalidGrant, error!);
            }

            return SignIn(await PasswordSignIn.StartSessionAsync(user, request.ClientId!, [], applications, authorizations));
        }

        // A code or a refresh token carries the session it was issued in; the account is read again.
        if (request.IsRefreshTokenGrantType() || request.IsAuthorizationCodeGrantType())
        {
            var refreshed = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = await users.FindByIdAsync(refreshed.Principal?.GetClaim(Claims.Subject) ?? "");
            if (user is null || !user.IsActive || refreshed.Principal!.GetClaim(TokenClaims.Session) is not { } session)
            {
                return Reject(Errors.InvalidGrant, "The account is no longer active.");
            }

            // Read again from the database: a role changed by an admin applies from the next refresh.
            return SignIn(TokenClaims.ForUser(user, session, refreshed.Principal!.GetScopes()));
        }

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
            var properties = await applications.GetPropertiesAsync(application);
            if (!properties.TryGetValue(ClientRoleProperty, out var role) || role.ValueKind != JsonValueKind.String || !Roles.All.Contains(role.GetString()))
            {
                return Reject(Errors.UnauthorizedClient, "The client has no role.");
            }

            // A service's client gets every scope it was granted (ServiceClient.Scopes), asked for or not.
            var scopes = (await applications.GetPermissionsAsync(application))
                .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.Scope.Length..]);
            return SignIn(TokenClaims.ForClient(request.ClientId!, role.GetString()!, [.. scopes]));
        }

        return Reject(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static IResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Reject(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

}
