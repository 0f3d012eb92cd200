using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Synkro.Gateway.Edge;
using Synkro.Gateway.Identity;
using Synkro.Gateway.Tokens;
using Synkro.Gateway.Users;
using Synkro.Security;

namespace Synkro.Gateway.Auth;

/// <summary>The simple sign-in API pinned for clients; each call is a thin layer over the OAuth2 token service.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/register", RegisterAsync).RequireRateLimiting(RateLimits.SignIn).WithName("Register");
        auth.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimits.SignIn).WithName("Login");
        auth.MapPost("/refresh", RefreshAsync).WithName("Refresh"); // no password to guess: the general limit is enough
        auth.MapPost("/logout", LogoutAsync).RequireAuthorization().WithName("Logout");
        auth.MapGet("/me", MeAsync).RequireAuthorization().WithName("Me");
        return app;
    }

    public sealed record RegisterRequest(string? Username, string? Email, string? Password);

    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    /// <summary>Self-registration always makes a customer; a <c>role</c> in the body is not read.</summary>
    private static async Task<Results<Created<UserView>, ProblemHttpResult>> RegisterAsync(RegisterRequest body, UserManager<SynkroUser> users, TimeProvider clock)
    {
        var (user, problem) = await UserAccounts.CreateAsync(users, clock, body.Username, body.Email, body.Password, Roles.Customer);
        return user is not null ? TypedResults.Created("/auth/me", UserView.Of(user)) : problem!;
    }

    private static async Task<Results<Ok<TokenPair>, ValidationProblem, ProblemHttpResult>> LoginAsync(LoginRequest body, TokenFacade tokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(body.Username) || string.IsNullOrEmpty(body.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["username"] = ["A username and a password are required."] });
        }

        var outcome = await tokens.PasswordAsync(body.Username, body.Password, cancellationToken);
        return outcome.Tokens is { } pair
            ? TypedResults.Ok(pair)
            : TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
    }

    private static async Task<Results<Ok<TokenPair>, ValidationProblem, ProblemHttpResult>> RefreshAsync(RefreshRequest body, TokenFacade tokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(body.RefreshToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["A refresh token is required."] });
        }

        var outcome = await tokens.RefreshAsync(body.RefreshToken, cancellationToken);
        return outcome.Tokens is { } pair
            ? TypedResults.Ok(pair)
            : TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status401Unauthorized, title: "Refresh failed");
    }

    /// <summary>Ends the session at once: its refresh tokens are revoked and this access token is denied until it expires.</summary>
    private static async Task<NoContent> LogoutAsync(
        ClaimsPrincipal user,
        IOpenIddictAuthorizationManager authorizations,
        IOpenIddictTokenManager tokenStore,
        TokenDenylist denylist,
        CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(TokenClaims.Session) is { } session && await authorizations.FindByIdAsync(session, cancellationToken) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization, cancellationToken);
            await tokenStore.RevokeByAuthorizationIdAsync(session, cancellationToken);
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(user.FindFirstValue("exp")!, System.Globalization.CultureInfo.InvariantCulture));
        await denylist.DenyAsync(user.FindFirstValue("jti")!, expiresAt, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserView>, NotFound>> MeAsync(ClaimsPrincipal principal, UserManager<SynkroUser> users) =>
        await users.FindByIdAsync(principal.FindFirstValue("sub") ?? "") is { } user ? TypedResults.Ok(UserView.Of(user)) : TypedResults.NotFound();
}
