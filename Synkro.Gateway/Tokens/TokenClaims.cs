using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Synkro.Gateway.Identity;
using Synkro.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Synkro.Gateway.Tokens;

/// <summary>What an access token says about its bearer: sub, name, role and the session (<c>sid</c>) it belongs to.</summary>
internal static class TokenClaims
{
    /// <summary>The OpenIddict authorization that groups a login's refresh tokens: its "family".</summary>
    public const string Session = "sid";

    /// <summary>The scopes a user's session may hold: a refresh token always, and an identity token for OpenID Connect clients (the staff UI).</summary>
    public static readonly string[] UserScopes = [Scopes.OpenId, Scopes.OfflineAccess];

    public static ClaimsPrincipal ForUser(SynkroUser user, string session, IEnumerable<string> scopes) =>
        Principal(user.Id.ToString(), user.UserName!, user.Role, session, [.. scopes.Intersect(UserScopes).Union([Scopes.OfflineAccess])]);

    public static ClaimsPrincipal ForClient(string clientId, string role, string[] scopes) => Principal(clientId, clientId, role, session: null, scopes);

    private static ClaimsPrincipal Principal(string subject, string name, string role, string? session, string[] scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject)
            .SetClaim(Claims.Name, name)
            .SetClaim(Claims.Role, role);
        if (session is not null)
        {
            identity.SetClaim(Session, session);
            identity.SetAuthorizationId(session);
        }

        identity.SetScopes(scopes);
        identity.SetAudiences(TokenSettings.ApiAudience);
        identity.SetResources(TokenSettings.ApiAudience);
        // The staff UI reads who signed in (name, role) from the identity token; the APIs from the access token.
        var openId = scopes.Contains(Scopes.OpenId);
        identity.SetDestinations(claim => openId && claim.Type is Claims.Name or Claims.Role
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
