using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Synkro.Gateway.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Synkro.Gateway.Tokens;

/// <summary>What the password grant and the sign-in page share: the password check (active account, lockout, hash) and the session it starts.</summary>
internal static class PasswordSignIn
{
    public const string WrongPassword = "The username or password is wrong.";

    public static async Task<(SynkroUser? User, string? Error)> CheckAsync(UserManager<SynkroUser> users, string? userName, string? password)
    {
        var user = await users.FindByNameAsync(userName ?? "");
        if (user is null || !user.IsActive)
        {
            return (null, WrongPassword);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return (null, "The account is locked after repeated failures; try again later.");
        }

        // Checking also rehashes a password stored with fewer iterations than today's setting.
        if (!await users.CheckPasswordAsync(user, password ?? ""))
        {
            await users.AccessFailedAsync(user);
            return (null, WrongPassword);
        }

        await users.ResetAccessFailedCountAsync(user);
        return (user, null);
    }

    /// <summary>A new OpenIddict authorization, the session its refresh tokens belong to, and the principal to sign in.</summary>
    public static async Task<ClaimsPrincipal> StartSessionAsync(
        SynkroUser user, string clientId, IEnumerable<string> scopes, IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations)
    {
        var application = await applications.FindByClientIdAsync(clientId) ?? throw new InvalidOperationException("Unknown client.");
        var authorization = await authorizations.CreateAsync(
            new ClaimsIdentity(),
            user.Id.ToString(),
            (await applications.GetIdAsync(application))!,
            AuthorizationTypes.AdHoc,
            [Scopes.OfflineAccess]);
        return TokenClaims.ForUser(user, (await authorizations.GetIdAsync(authorization))!, scopes);
    }
}
