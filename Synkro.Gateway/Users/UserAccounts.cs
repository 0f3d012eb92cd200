using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Synkro.Gateway.Identity;

namespace Synkro.Gateway.Users;

/// <summary>Creating an account, shared by self-registration (customers) and user administration (staff).</summary>
internal static class UserAccounts
{
    public static async Task<(SynkroUser? User, ProblemHttpResult? Problem)> CreateAsync(
        UserManager<SynkroUser> users, TimeProvider clock, string? username, string? email, string? password, string role)
    {
        var missing = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(username))
        {
            missing["username"] = ["A username is required."];
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            missing["email"] = ["An email address is required."];
        }

        if (string.IsNullOrEmpty(password))
        {
            missing["password"] = ["A password is required."];
        }

        if (missing.Count > 0)
        {
            return (null, Invalid(missing));
        }

        var now = clock.GetUtcNow();
        var user = new SynkroUser { UserName = username, Email = email, Role = role, CreatedAt = now, UpdatedAt = now };
        try
        {
            var result = await users.CreateAsync(user, password!);
            return result.Succeeded ? (user, null) : (null, Problem(result));
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Identity checks for duplicates first; two sign-ups racing for one name meet the unique index instead.
            return (null, TypedResults.Problem("The username or email is already taken.", statusCode: StatusCodes.Status409Conflict, title: "Already taken"));
        }
    }

    /// <summary>Identity's errors as problem details: a name or email already taken is a conflict, the rest is invalid input.</summary>
    public static ProblemHttpResult Problem(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)))
        {
            return TypedResults.Problem(string.Join(" ", result.Errors.Select(e => e.Description)), statusCode: StatusCodes.Status409Conflict, title: "Already taken");
        }

        var errors = result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("Email", StringComparison.Ordinal) ? "email" : "username")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        return Invalid(errors);
    }

    private static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "One or more validation errors occurred." });
}

public sealed record UserView(Guid Id, string UserName, string? Email, string Role, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UserView Of(SynkroUser user) => new(user.Id, user.UserName!, user.Email, user.Role, user.IsActive, user.CreatedAt, user.UpdatedAt);
}
