using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Alerts;
using Synkro.Notifications.Data;
using Synkro.Notifications.Http;
using Synkro.Notifications.Security;
using Synkro.Security;

namespace Synkro.Notifications.Subscriptions;

/// <summary>
/// Subscriptions: staff see and manage their own; admins also those of roles (the managers' low-stock
/// alerts Synkro starts with among them) and can list everyone's.
/// </summary>
public static class SubscriptionsApi
{
    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/api/notifications/subscriptions").WithTags("Subscriptions").RequireAuthorization(NotificationsPolicies.Subscribe);
        subscriptions.MapGet("", ListAsync).WithName("ListSubscriptions");
        subscriptions.MapPost("", CreateAsync).WithName("CreateSubscription");
        subscriptions.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSubscription");
        return app;
    }

    /// <summary>The caller's own and their role's; <paramref name="all"/> (admins) lists every one.</summary>
    private static async Task<Ok<List<SubscriptionResponse>>> ListAsync(NotificationsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken, bool all = false)
    {
        var id = user.UserId();
        var role = user.FindFirstValue("role");
        var query = db.Subscriptions.AsNoTracking();
        if (!(all && user.IsInRole(Roles.Admin)))
        {
            query = query.Where(s => (id != null && s.UserId == id) || s.Role == role);
        }

        return TypedResults.Ok(await query.OrderBy(s => s.CreatedAt).Select(s => SubscriptionResponse.From(s)).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Created<SubscriptionResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateSubscriptionRequest request, NotificationsDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!EventKinds.All.Contains(request.EventKind))
        {
            return Problems.Invalid("eventKind", Problems.OneOf(EventKinds.All));
        }

        if (!Channels.All.Contains(request.Channel))
        {
            return Problems.Invalid("channel", Problems.OneOf(Channels.All));
        }

        if (request.Role is not null && !Roles.All.Contains(request.Role))
        {
            return Problems.Invalid("role", Problems.OneOf(Roles.All));
        }

        if (request.Role == Roles.Customer && request.EventKind != EventKinds.OrderStatus)
        {
            return Problems.Invalid("role", $"Customers are told of their own orders only ({EventKinds.OrderStatus}).");
        }

        var frequency = request.Frequency ?? Frequencies.Immediate;
        if (!Frequencies.All.Contains(frequency))
        {
            return Problems.Invalid("frequency", Problems.OneOf(Frequencies.All));
        }

        if (frequency == Frequencies.Daily && request.Channel != Channels.Email)
        {
            return Problems.Invalid("frequency", "A daily digest is an email; in the app alerts arrive as they happen.");
        }

        if (request.Role == Roles.Customer && request.Channel != Channels.Email)
        {
            return Problems.Invalid("channel", "Customers are told by email; the in-app inbox is for staff.");
        }

        if (request.Role is not null && !user.IsInRole(Roles.Admin))
        {
            return TypedResults.Problem("Only an admin subscribes a role.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        if (request.Role is null && user.UserId() is null)
        {
            return Problems.Invalid("role", "A service identity subscribes roles, not itself.");
        }

        var now = clock.GetUtcNow();
        var subscription = new Subscription
        {
            Id = Guid.CreateVersion7(now),
            EventKind = request.EventKind!,
            Channel = request.Channel!,
            Role = request.Role,
            UserId = request.Role is null ? user.UserId() : null,
            WarehouseId = request.WarehouseId,
            Sku = request.Sku?.Trim(),
            CustomerId = request.CustomerId,
            Frequency = frequency,
            CreatedBy = user.Actor(),
            CreatedAt = now,
        };
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/notifications/subscriptions/{subscription.Id}", SubscriptionResponse.From(subscription));
    }

    /// <summary>One's own, or (admins) any.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, NotificationsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var own = user.UserId();
        var admin = user.IsInRole(Roles.Admin);
        var deleted = await db.Subscriptions.Where(s => s.Id == id && (admin || (own != null && s.UserId == own))).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? TypedResults.NoContent() : Problems.NotFound("Subscription", id);
    }
}
