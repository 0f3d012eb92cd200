using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Synkro.Gateway.Edge;
using Synkro.Gateway.Identity;
using Synkro.Security;

namespace Synkro.Gateway.Users;

/// <summary>User administration, for admins: staff accounts are created here, never by self-registration.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(EdgePolicies.Users);
        users.MapGet("", ListAsync).WithName("ListUsers");
        users.MapGet("/{id:guid}", GetAsync).WithName("GetUser");
        users.MapPost("", CreateAsync).WithName("CreateUser");
        users.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateUser");
        return app;
    }

    public sealed record CreateUserRequest(string? Username, string? Email, string? Password, string? Role);

    /// <summary>Any field left out stays as it is.</summary>
    public sealed record UpdateUserRequest(string? Role, bool? IsActive, string? Password);

    /// <summary>By username, paged; <paramref name="q"/> keeps those whose username or email contains it (any case).</summary>
    private static async Task<Ok<List<UserView>>> ListAsync(UserManager<SynkroUser> users, int? skip, int? take, string? q)
    {
        var query = users.Users;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var normalized = q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(normalized) || u.NormalizedEmail!.Contains(normalized));
        }

        var page = await query.OrderBy(u => u.UserName).Skip(Math.Max(skip ?? 0, 0)).Take(Math.Clamp(take ?? 100, 1, 500)).ToListAsync();
        return TypedResults.Ok(page.Select(UserView.Of).ToList());
    }

    private static async Task<Results<Ok<UserView>, NotFound>> GetAsync(Guid id, UserManager<SynkroUser> users) =>
        await users.FindByIdAsync(id.ToString()) is { } user ? TypedResults.Ok(UserView.Of(user)) : TypedResults.NotFound();

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateAsync(CreateUserRequest body, UserManager<SynkroUser> users, TimeProvider clock)
    {
        if (!Roles.All.Contains(body.Role))
        {
            return UnknownRole();
        }

        var (user, problem) = await UserAccounts.CreateAsync(users, clock, body.Username, body.Email, body.Password, body.Role!);
        return user is not null ? TypedResults.Created($"/api/users/{user.Id}", UserView.Of(user)) : problem!;
    }

    private static async Task<Results<Ok<UserView>, NotFound, ProblemHttpResult>> UpdateAsync(Guid id, UpdateUserRequest body, UserManager<SynkroUser> users, TimeProvider clock)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return TypedResults.NotFound();
        }

        if (body.Role is not null && !Roles.All.Contains(body.Role))
        {
            return UnknownRole();
        }

        if (body.Password is not null)
        {
            // Validated before anything changes, so a rejected password leaves the old one in place.
            foreach (var validator in users.PasswordValidators)
            {
                if (await validator.ValidateAsync(users, user, body.Password) is { Succeeded: false } rejected)
                {
                    return UserAccounts.Problem(rejected);
                }
            }

            user.PasswordHash = users.PasswordHasher.HashPassword(user, body.Password);
        }

        user.Role = body.Role ?? user.Role;
        user.IsActive = body.IsActive ?? user.IsActive;
        user.UpdatedAt = clock.GetUtcNow();
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? TypedResults.Ok(UserView.Of(user)) : UserAccounts.Problem(result);
    }

    private static ProblemHttpResult UnknownRole() => TypedResults.Problem(
        new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["role"] = [$"The role must be one of: {string.Join(", ", Roles.All)}."] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        });
}
