using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Synkro.Gateway.Edge;
using Synkro.Gateway.Identity;
using Synkro.Security;

namespace Synkro.Gateway.Users;

/// <summary>
/// Who receives notifications: the active users of a role, or of the given ids, with name and email
/// and nothing else. For admins and for the service granted the directory scope, so Notifications
/// addresses mail without holding an admin's rights or a copy of the users. A role's users come in
/// pages of up to <c>limit</c> (500 unless asked, at most 1,000) in id order; the next page starts
/// <c>after</c> the last id of this one.
/// </summary>
public static class DirectoryApi
{
    public sealed record Recipient(Guid Id, string UserName, string Email, string Role);

    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users/recipients", ListAsync).WithTags("Users").WithName("ListRecipients").RequireAuthorization(EdgePolicies.Directory);
        return app;
    }

    private static async Task<Results<Ok<List<Recipient>>, ProblemHttpResult>> ListAsync(UserManager<SynkroUser> users, string? role, Guid[]? id, Guid? after, int limit = 500)
    {
        var ids = id ?? [];
        if ((role is null) == (ids.Length == 0) || ids.Length > 500 || (role is not null && !Roles.All.Contains(role)))
        {
            return TypedResults.Problem(
                new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["role"] = [$"Give either a role (one of: {string.Join(", ", Roles.All)}) or up to 500 ids."] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "One or more validation errors occurred.",
                });
        }

        var active = users.Users.Where(u => u.IsActive && u.Email != null);
        var found = await (role is not null ? active.Where(u => u.Role == role && (after == null || u.Id > after)) : active.Where(u => ids.Contains(u.Id)))
            .OrderBy(u => u.Id)
            .Take(Math.Clamp(limit, 1, 1000))
            .Select(u => new Recipient(u.Id, u.UserName!, u.Email!, u.Role))
            .ToListAsync();
        return TypedResults.Ok(found);
    }
}
