using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Data;
using Synkro.Notifications.Http;
using Synkro.Notifications.Security;

namespace Synkro.Notifications.Deliveries;

/// <summary>The delivery log: every notification with its channel, recipient, template version, status and attempts, newest first.</summary>
public static class DeliveriesApi
{
    public sealed record DeliveryResponse(
        Guid Id, Guid AlertId, string EventKind, string Channel, string Recipient, int TemplateVersion, string Subject,
        DeliveryStatus Status, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? SentAt)
    {
        public static DeliveryResponse From(Delivery d) =>
            new(d.Id, d.AlertId, d.EventKind, d.Channel, d.Recipient, d.TemplateVersion, d.Subject, d.Status, d.Attempts, d.LastError, d.CreatedAt, d.LastAttemptAt, d.SentAt);
    }

    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var deliveries = app.MapGroup("/api/notifications/deliveries").WithTags("Deliveries").RequireAuthorization(NotificationsPolicies.ReadDeliveries);
        deliveries.MapGet("", ListAsync).WithName("ListDeliveries");
        deliveries.MapGet("/{id:guid}", GetAsync).WithName("GetDelivery");
        return app;
    }

    /// <summary>Filtered by any of status, kind, channel and recipient; paged by <paramref name="before"/> (the last id seen).</summary>
    private static async Task<Ok<List<DeliveryResponse>>> ListAsync(
        NotificationsDbContext db, CancellationToken cancellationToken,
        DeliveryStatus? status = null, string? kind = null, string? channel = null, string? recipient = null, Guid? alert = null, Guid? before = null, int limit = 50)
    {
        var query = db.Deliveries.AsNoTracking();
        query = status is null ? query : query.Where(d => d.Status == status);
        query = kind is null ? query : query.Where(d => d.EventKind == kind);
        query = channel is null ? query : query.Where(d => d.Channel == channel);
        query = recipient is null ? query : query.Where(d => d.Recipient == recipient);
        query = alert is null ? query : query.Where(d => d.AlertId == alert);
        query = before is null ? query : query.Where(d => d.Id < before);
        return TypedResults.Ok(await query.OrderByDescending(d => d.Id).Take(Math.Clamp(limit, 1, 200)).Select(d => DeliveryResponse.From(d)).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> GetAsync(Guid id, NotificationsDbContext db, CancellationToken cancellationToken) =>
        await db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is { } delivery
            ? TypedResults.Ok(DeliveryResponse.From(delivery))
            : Problems.NotFound("Delivery", id);
}
