using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Customers;
using Synkro.Logistics.Data;
using Synkro.Logistics.Http;
using Synkro.Logistics.Security;

namespace Synkro.Logistics.Orders;

/// <summary>
/// Order updates as server-sent events, for browsers and curl: each event is a status change, its
/// id the history row's. The stream reads the status history table, so it is in order, the same on
/// any replica, and resumable: a client that reconnects with Last-Event-ID gets what it missed.
/// A quiet stream sends a ping every 15 seconds so that proxies keep it open.
/// </summary>
public static class OrderUpdates
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapOrderUpdates(this RouteGroupBuilder orders)
    {
        orders.MapGet("/{id:guid}/updates", OneAsync).RequireAuthorization(LogisticsPolicies.ReadOrders).WithName("StreamOrderUpdates")
            .WithDescription("Server-sent events: the order's whole history, then each change as it happens; ends when the order is Delivered or Cancelled.");
        orders.MapGet("/updates", AllAsync).RequireAuthorization(LogisticsPolicies.ReadOrders).WithName("StreamAllOrderUpdates")
            .WithDescription("Server-sent events: every change to the orders the caller may see, from now (or after Last-Event-ID).");
        return orders;
    }

    private static async Task<Results<ServerSentEventsResult<StatusUpdate>, ProblemHttpResult>> OneAsync(
        Guid id, LogisticsDbContext db, CustomerAccounts accounts, IServiceScopeFactory scopes, ClaimsPrincipal user, HttpContext context) =>
        await ScopeAsync(id, LastEventId(context), db, accounts, user, context.RequestAborted) is { } scope
            ? TypedResults.ServerSentEvents(AsEvents(ChangesAsync(scopes, scope, context.RequestAborted)))
            : Problems.NotFound("Order", id);

    private static async Task<ServerSentEventsResult<StatusUpdate>> AllAsync(
        LogisticsDbContext db, CustomerAccounts accounts, IServiceScopeFactory scopes, ClaimsPrincipal user, HttpContext context) =>
        TypedResults.ServerSentEvents(AsEvents(ChangesAsync(scopes, (await ScopeAsync(null, LastEventId(context), db, accounts, user, context.RequestAborted))!, context.RequestAborted)));

    /// <summary>
    /// What a stream may show and where it starts: one order the caller may see (null otherwise),
    /// from its first change; or every order the caller may see (a customer: their own), from now.
    /// </summary>
    internal static async Task<UpdateScope?> ScopeAsync(Guid? order, long? after, LogisticsDbContext db, CustomerAccounts accounts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (order is { } id)
        {
            return await OrdersApi.VisibleAsync(id, db, accounts, user, cancellationToken) is null ? null : new UpdateScope(after ?? 0, id, null);
        }

        Guid? customer = user.IsCustomer() ? await accounts.FindIdAsync(user, cancellationToken) ?? Guid.Empty : null;
        return new UpdateScope(after ?? await db.OrderHistory.MaxAsync(h => (long?)h.Id, cancellationToken) ?? 0, null, customer);
    }

    /// <summary>The changes in the scope as they come, in order; null now and then while nothing happens (a ping).</summary>
    internal static async IAsyncEnumerable<StatusUpdate?> ChangesAsync(IServiceScopeFactory scopes, UpdateScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (last, order, customer) = scope;
        var quietSince = DateTime.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            List<StatusUpdate> changes;
            await using (var services = scopes.CreateAsyncScope())
            {
                var db = services.ServiceProvider.GetRequiredService<LogisticsDbContext>();
                var history = db.OrderHistory.AsNoTracking().Where(h => h.Id > last);
                history = order is null ? history : history.Where(h => h.OrderId == order);
                history = customer is null ? history : history.Where(h => db.Orders.Any(o => o.Id == h.OrderId && o.CustomerId == customer));
                changes = await history.OrderBy(h => h.Id).Take(500)
                    .Select(h => new StatusUpdate(h.Id, h.OrderId, h.From, h.To, h.Notes, h.ChangedBy, h.At))
                    .ToListAsync(cancellationToken);
            }

            foreach (var change in changes)
            {
                last = change.Sequence;
                yield return change;
                if (order is not null && OrderStateMachine.IsFinal(change.To))
                {
                    yield break;
                }
            }

            if (changes.Count > 0)
            {
                quietSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - quietSince > Ping)
            {
                quietSince = DateTime.UtcNow;
                yield return null;
            }

            if (changes.Count < 500)
            {
                // A client that goes away cancels this; the SSE and gRPC writers end the response quietly.
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    private static async IAsyncEnumerable<SseItem<StatusUpdate>> AsEvents(IAsyncEnumerable<StatusUpdate?> changes)
    {
        await foreach (var change in changes)
        {
            yield return change is null
                ? new SseItem<StatusUpdate>(default!, "ping")
                : new SseItem<StatusUpdate>(change, "status") { EventId = change.Sequence.ToString() };
        }
    }

    private static long? LastEventId(HttpContext context) =>
        long.TryParse(context.Request.Headers["Last-Event-ID"], out var id) ? id : null;
}

internal sealed record UpdateScope(long After, Guid? Order, Guid? Customer);

/// <summary>One status change of an order; <see cref="Sequence"/> orders all changes and is the event id.</summary>
public sealed record StatusUpdate(long Sequence, Guid OrderId, OrderStatus? From, OrderStatus To, string? Notes, string ChangedBy, DateTimeOffset At);
