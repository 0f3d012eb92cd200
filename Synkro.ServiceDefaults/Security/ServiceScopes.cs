namespace Synkro.Security;

/// <summary>
/// What a service's own identity may do beyond its role, granted to its client at the gateway and
/// carried in its tokens' <c>scope</c> claim: narrower than a role, so a service that needs one
/// lookup does not get an admin's rights for it.
/// </summary>
public static class ServiceScopes
{
    /// <summary>Reads the names and email addresses of active users, to address notifications.</summary>
    public const string Directory = "synkro.directory";

    /// <summary>True when the token carries <paramref name="scope"/> (one space-separated claim or several).</summary>
    public static bool HasScope(this System.Security.Claims.ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").Any(claim => claim.Value.Split(' ').Contains(scope));
}
