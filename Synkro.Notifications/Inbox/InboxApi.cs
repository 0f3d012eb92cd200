using System.Data;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Alerts;
using Synkro.Notifications.Data;
using Synkro.Notifications.Deliveries;
using Synkro.Notifications.Http;
using Synkro.Notifications.Security;

namespace Synkro.Notifications.Inbox;

/// <summary>
/// A person's in-app notifications: the in-app deliveries addressed to them, newest first, with an
/// unread count; marked read one by one or all at once; and a stream of server-sent events that
/// says what the inbox holds each time it changes, for screens that show it live.
/// </summary>
public static class InboxApi
{
    public sealed record InboxItem(Guid Id, string Kind, string Title, string Text, DateTimeOffset At, DateTimeOffset? ReadAt);

    /// <summary>A page of the inbox and how many are unread in all; <see cref="NextBefore"/> asks for the next page.</summary>
    public sealed record InboxPage(int Unread, IReadOnlyList<InboxItem> Items, Guid? NextBefore);

    /// <summary>How many of a stream's events carry the newest notifications.</summary>
    private const int Latest = 10;

    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/notifications/inbox").WithTags("Inbox").RequireAuthorization(NotificationsPolicies.Subscribe);
        inbox.MapGet("", ListAsync).WithName("ListInbox");
        inbox.MapPost("/{id:guid}/read", MarkReadAsync).WithName("MarkRead");
        inbox.MapPost("/read", MarkAllReadAsync).WithName("MarkAllRead")
            .WithDescription("Marks read every notification that arrived up to now, or up to and including the one given as 'upTo'.");
        inbox.MapGet("/updates", Updates).WithName("StreamInbox")
            .WithDescription("Server-sent events: an 'inbox' event with the unread count and the newest notifications when the stream opens and each time they change; a 'ping' every 15 s otherwise.");
        return app;
    }

    private static async Task<Results<Ok<InboxPage>, ProblemHttpResult>> ListAsync(
        NotificationsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken, bool unread = false, Guid? before = null, int limit = 20)
    {
        if (user.UserId() is not { } me)
        {
            return NoInbox();
        }

        var query = Of(db, me);
        query = unread ? query.Where(d => d.ReadAt == null) : query;
        query = before is null ? query : query.Where(d => d.Id < before);
        return TypedResults.Ok(await PageAsync(db, me, query, Math.Clamp(limit, 1, 100), cancellationToken));
    }

    /// <summary>The items and the unread count as of one moment: a notification written between two reads would make them disagree.</summary>
    private static Task<InboxPage> PageAsync(NotificationsDbContext db, Guid me, IQueryable<Delivery> query, int limit, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var items = await query.OrderByDescending(d => d.Id).Take(limit).Select(d => new InboxItem(d.Id, d.EventKind, d.Subject, d.Text, d.CreatedAt, d.ReadAt)).ToListAsync(cancellationToken);
            var unread = await Of(db, me).CountAsync(d => d.ReadAt == null, cancellationToken);
            return new InboxPage(unread, items, items.Count == limit ? items[^1].Id : null);
        });

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(Guid id, NotificationsDbContext db, InboxFeed feed, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } me)
        {
            return NoInbox();
        }

        var now = clock.GetUtcNow();
        // Read once: marking it again keeps the first time it was read.
        var found = await Of(db, me).Where(d => d.Id == id).ExecuteUpdateAsync(d => d.SetProperty(x => x.ReadAt, x => x.ReadAt ?? now), cancellationToken);
        if (found == 0)
        {
            return Problems.NotFound("Notification", id);
        }

        feed.Publish([me]);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkAllReadAsync(NotificationsDbContext db, InboxFeed feed, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken, Guid? upTo = null)
    {
        if (user.UserId() is not { } me)
        {
            return NoInbox();
        }

        // Up to what the person saw: what arrives while they click stays unread.
        var now = clock.GetUtcNow();
        var unread = Of(db, me).Where(d => d.ReadAt == null);
        unread = upTo is { } last ? unread.Where(d => d.Id <= last) : unread.Where(d => d.CreatedAt <= now);
        if (await unread.ExecuteUpdateAsync(d => d.SetProperty(x => x.ReadAt, now), cancellationToken) > 0)
        {
            feed.Publish([me]);
        }

        return TypedResults.NoContent();
    }

    private static Results<ServerSentEventsResult<InboxPage>, ProblemHttpResult> Updates(IServiceScopeFactory scopes, InboxFeed feed, ClaimsPrincipal user, HttpContext context) =>
        user.UserId() is { } me ? TypedResults.ServerSentEvents(EventsAsync(me, scopes, feed, context.RequestAborted)) : NoInbox();

    /// <summary>What the inbox holds when the stream opens, then again each time it changes; a ping when nothing did for a while.</summary>
    private static async IAsyncEnumerable<SseItem<InboxPage>> EventsAsync(Guid me, IServiceScopeFactory scopes, InboxFeed feed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The first tick comes once the feed listens, so a change between it and the first read is heard, not lost.
        InboxPage? last = null;
        await foreach (var _ in feed.ChangesAsync(me, Ping, cancellationToken))
        {
            var now = await SnapshotAsync(me, scopes, cancellationToken);
            if (last is not null && Same(now, last))
            {
                yield return new SseItem<InboxPage>(default!, "ping");
                continue;
            }

            last = now;
            yield return new SseItem<InboxPage>(now, "inbox");
        }
    }

    private static async Task<InboxPage> SnapshotAsync(Guid me, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return await PageAsync(db, me, Of(db, me), Latest, cancellationToken);
    }

    private static bool Same(InboxPage a, InboxPage b) => a.Unread == b.Unread && a.Items.SequenceEqual(b.Items);

    private static IQueryable<Delivery> Of(NotificationsDbContext db, Guid me) =>
        db.Deliveries.AsNoTracking().Where(d => d.Channel == Channels.InApp && d.RecipientUserId == me);

    private static ProblemHttpResult NoInbox() =>
        TypedResults.Problem("A service identity has no inbox; in-app notifications are for people.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
