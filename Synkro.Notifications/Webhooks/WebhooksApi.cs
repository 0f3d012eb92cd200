using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Alerts;
using Synkro.Notifications.Data;
using Synkro.Notifications.Http;
using Synkro.Notifications.Security;

namespace Synkro.Notifications.Webhooks;

public sealed record RegisterWebhookRequest([property: Required] string? Url, [property: Required] List<string>? EventKinds, [property: MaxLength(200)] string? Description);

public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> EventKinds, string? Description, WebhookStatus Status, DateTimeOffset? FailingSince, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static WebhookResponse From(WebhookEndpoint e) => new(e.Id, e.Url, e.EventKinds, e.Description, e.Status, e.FailingSince, e.CreatedBy, e.CreatedAt);
}

/// <summary>Shown when an endpoint is registered and when an admin asks: what its receiver verifies signatures with.</summary>
public sealed record WebhookSecretResponse(Guid Id, string Secret);

/// <summary>
/// Webhook endpoints, for admins: register a URL for event kinds (refused when it leads to a
/// loopback, private or link-local address), read or rotate its signing secret, delete it. Its
/// deliveries are in the delivery log (<c>?webhook=id</c>), where a failed one can be redelivered.
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/notifications/webhooks").WithTags("Webhooks").RequireAuthorization(NotificationsPolicies.Administer);
        webhooks.MapGet("", ListAsync).WithName("ListWebhooks");
        webhooks.MapPost("", RegisterAsync).WithName("RegisterWebhook");
        webhooks.MapGet("/{id:guid}", GetAsync).WithName("GetWebhook");
        webhooks.MapGet("/{id:guid}/secret", GetSecretAsync).WithName("GetWebhookSecret");
        webhooks.MapPost("/{id:guid}/secret", RotateSecretAsync).WithName("RotateWebhookSecret");
        webhooks.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWebhook");
        return app;
    }

    private static async Task<Ok<List<WebhookResponse>>> ListAsync(NotificationsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Webhooks.AsNoTracking().OrderBy(e => e.CreatedAt).Select(e => WebhookResponse.From(e)).ToListAsync(cancellationToken));

    private static async Task<Results<Created<WebhookSecretResponse>, ValidationProblem>> RegisterAsync(
        RegisterWebhookRequest request, NotificationsDbContext db, WebhookTargets targets, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var kinds = request.EventKinds!.Distinct().ToList();
        if (kinds.Count == 0 || kinds.Any(k => !EventKinds.ForWebhooks.Contains(k)))
        {
            return Problems.Invalid("eventKinds", "At least one; " + Problems.OneOf(EventKinds.ForWebhooks));
        }

        if (await targets.CheckAsync(request.Url, cancellationToken) is { } refused)
        {
            return Problems.Invalid("url", refused);
        }

        var now = clock.GetUtcNow();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(now),
            Url = request.Url!,
            EventKinds = kinds,
            Description = request.Description,
            Secret = WebhookEndpoint.NewSecret(),
            Status = WebhookStatus.Active,
            CreatedBy = user.Actor(),
            CreatedAt = now,
        };
        db.Webhooks.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/notifications/webhooks/{endpoint.Id}", new WebhookSecretResponse(endpoint.Id, endpoint.Secret));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(Guid id, NotificationsDbContext db, CancellationToken cancellationToken) =>
        await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } endpoint
            ? TypedResults.Ok(WebhookResponse.From(endpoint))
            : Problems.NotFound("Webhook", id);

    private static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> GetSecretAsync(Guid id, NotificationsDbContext db, CancellationToken cancellationToken) =>
        await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } endpoint
            ? TypedResults.Ok(new WebhookSecretResponse(endpoint.Id, endpoint.Secret))
            : Problems.NotFound("Webhook", id);

    /// <summary>A new secret at once: deliveries from now on are signed with it, retries of older ones too.</summary>
    private static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> RotateSecretAsync(Guid id, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var secret = WebhookEndpoint.NewSecret();
        var rotated = await db.Webhooks.Where(e => e.Id == id).ExecuteUpdateAsync(e => e.SetProperty(w => w.Secret, secret), cancellationToken);
        return rotated == 1 ? TypedResults.Ok(new WebhookSecretResponse(id, secret)) : Problems.NotFound("Webhook", id);
    }

    /// <summary>Its deliveries stay in the log; those still waiting fail as sent to a deleted endpoint.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, NotificationsDbContext db, CancellationToken cancellationToken) =>
        await db.Webhooks.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken) == 1 ? TypedResults.NoContent() : Problems.NotFound("Webhook", id);
}
