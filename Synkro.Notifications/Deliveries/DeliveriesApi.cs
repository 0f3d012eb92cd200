using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Alerts;
using Synkro.Notifications.Data;
using Synkro.Notifications.Email;
using Synkro.Notifications.Http;
using Synkro.Notifications.Security;
using Synkro.Notifications.Webhooks;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Notifications.Deliveries;

/// <summary>
/// The delivery log: every notification with its channel, recipient, template version, status and
/// attempts, newest first; one delivery with each attempt and the answer it got. Admins can send a
/// finished one (sent, failed or bounced) again.
/// </summary>
public static class DeliveriesApi
{
    public sealed record DeliveryResponse(
        Guid Id, Guid AlertId, string EventKind, string Channel, string Recipient, Guid? WebhookId, int TemplateVersion, string Subject,
        DeliveryStatus Status, int Attempts, string? LastError, int? ResponseStatus, DateTimeOffset OccurredAt, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt,
        DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, Guid? DigestId, DateTimeOffset? ReadAt, IReadOnlyList<AttemptResponse>? AttemptLog = null)
    {
        public static DeliveryResponse From(Delivery d) =>
            new(d.Id, d.AlertId, d.EventKind, d.Channel, d.Recipient, d.WebhookId, d.TemplateVersion, d.Subject, d.Status, d.Attempts,
                d.LastError, d.ResponseStatus, d.OccurredAt, d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt, d.SentAt, d.DigestId, d.ReadAt);
    }

    public sealed record AttemptResponse(int Number, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int? StatusCode, string? Error);

    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var deliveries = app.MapGroup("/api/notifications/deliveries").WithTags("Deliveries").RequireAuthorization(NotificationsPolicies.ReadDeliveries);
        deliveries.MapGet("", ListAsync).WithName("ListDeliveries");
        deliveries.MapGet("/{id:guid}", GetAsync).WithName("GetDelivery");
        deliveries.MapPost("/{id:guid}/redeliver", RedeliverAsync).WithName("Redeliver").RequireAuthorization(NotificationsPolicies.Administer);
        return app;
    }

    /// <summary>Filtered by any of status, kind, channel, recipient, alert and webhook; paged by <paramref name="before"/> (the last id seen).</summary>
    private static async Task<Ok<List<DeliveryResponse>>> ListAsync(
        NotificationsDbContext db, CancellationToken cancellationToken,
        DeliveryStatus? status = null, string? kind = null, string? channel = null, string? recipient = null, Guid? alert = null, Guid? webhook = null,
        Guid? before = null, int limit = 50)
    {
        var query = db.Deliveries.AsNoTracking();
        query = status is null ? query : query.Where(d => d.Status == status);
        query = kind is null ? query : query.Where(d => d.EventKind == kind);
        query = channel is null ? query : query.Where(d => d.Channel == channel);
        query = recipient is null ? query : query.Where(d => d.Recipient == recipient);
        query = alert is null ? query : query.Where(d => d.AlertId == alert);
        query = webhook is null ? query : query.Where(d => d.WebhookId == webhook);
        query = before is null ? query : query.Where(d => d.Id < before);
        return TypedResults.Ok(await query.OrderByDescending(d => d.Id).Take(Math.Clamp(limit, 1, 200)).Select(d => DeliveryResponse.From(d)).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> GetAsync(Guid id, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } delivery)
        {
            return Problems.NotFound("Delivery", id);
        }

        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == id).OrderBy(a => a.Number)
            .Select(a => new AttemptResponse(a.Number, a.StartedAt, a.FinishedAt, a.StatusCode, a.Error)).ToListAsync(cancellationToken);
        return TypedResults.Ok(DeliveryResponse.From(delivery) with { AttemptLog = attempts });
    }

    /// <summary>
    /// Queues one more attempt of a finished delivery, with the words and body it had; a webhook keeps
    /// its id, so a receiver that has it already can tell. Its attempts go on counting.
    /// </summary>
    private static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> RedeliverAsync(
        Guid id, IDbContextOutbox<NotificationsDbContext> outbox, CancellationToken cancellationToken)
    {
        if (await outbox.DbContext.Deliveries.FindAsync([id], cancellationToken) is not { } delivery)
        {
            return Problems.NotFound("Delivery", id);
        }

        if (delivery.Status is not (DeliveryStatus.Sent or DeliveryStatus.Failed or DeliveryStatus.Bounced or DeliveryStatus.Digested))
        {
            return TypedResults.Problem($"Delivery '{id}' is {delivery.Status}: it has an attempt waiting already.", statusCode: StatusCodes.Status409Conflict, title: "Delivery in progress");
        }

        if (delivery.Channel == Channels.InApp)
        {
            return TypedResults.Problem($"Delivery '{id}' is an in-app notification: it is in its person's inbox already.", statusCode: StatusCodes.Status409Conflict, title: "Nothing to redeliver");
        }

        delivery.Status = DeliveryStatus.Queued;
        await (delivery.Channel == Channels.Webhook ? outbox.SendAsync(new SendWebhook(id)) : outbox.SendAsync(new SendEmail(id)));
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/notifications/deliveries/{id}", DeliveryResponse.From(delivery));
    }
}
