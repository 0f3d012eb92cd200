using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Security;

namespace Synkro.Inventory.Summary;

/// <summary>The figures a dashboard shows, and a stream that says when they changed.</summary>
public static class StockSummaryApi
{
    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapStockSummaryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/summary", SummaryAsync).WithTags("Summary").RequireAuthorization(InventoryPolicies.Read).WithName("GetStockSummary")
            .WithDescription("Items, units on hand, stock value by currency, items whose available stock is below their low-stock threshold, open reservations.");
        api.MapGet("/updates", Updates).WithTags("Summary").RequireAuthorization(InventoryPolicies.Read).WithName("StreamStockChanges")
            .WithDescription("Server-sent events: a 'stock' event with the SKUs (comma-separated) each time stock changes, a 'ping' every 15 s.");
        return api;
    }

    public sealed record StockSummary(long Items, long UnitsOnHand, IReadOnlyList<StockValue> StockValue, long BelowLowStock, long OpenReservations);

    public sealed record StockValue(string Currency, decimal Amount);

    private sealed record Totals(long Items, long UnitsOnHand, long BelowLowStock, long OpenReservations);

    private static async Task<Ok<StockSummary>> SummaryAsync(InventoryDbContext db, InventoryCache cache, CancellationToken cancellationToken) =>
        TypedResults.Ok((await cache.GetOrLoadAsync(InventoryCache.SummaryKey, InventoryCache.SummaryTtl, ct => ComputeAsync(db, ct), cancellationToken))!);

    /// <summary>Scans the catalogue and its levels: seconds with a million items, hence the cache in front.</summary>
    private static async Task<StockSummary?> ComputeAsync(InventoryDbContext db, CancellationToken cancellationToken)
    {
        var totals = await db.Database.SqlQueryRaw<Totals>(
            """
            SELECT (SELECT count(*) FROM inventory.items WHERE archived_at IS NULL) AS "Items",
                   (SELECT coalesce(sum(on_hand), 0) FROM inventory.stock_levels)::bigint AS "UnitsOnHand",
                   (SELECT count(*) FROM (SELECT l.item_id FROM inventory.stock_levels l JOIN inventory.items i ON i.id = l.item_id
                                          WHERE i.low_stock_threshold IS NOT NULL AND i.archived_at IS NULL
                                          GROUP BY l.item_id, i.low_stock_threshold HAVING sum(l.available) < i.low_stock_threshold) below) AS "BelowLowStock",
                   (SELECT count(*) FROM inventory.reservations WHERE status IN ('Active', 'Allocated')) AS "OpenReservations"
            """).SingleAsync(cancellationToken);
        var value = await db.Database.SqlQueryRaw<StockValue>(
            """
            SELECT i.currency AS "Currency", sum(l.on_hand * i.price) AS "Amount"
            FROM inventory.stock_levels l JOIN inventory.items i ON i.id = l.item_id
            WHERE i.price IS NOT NULL AND i.currency IS NOT NULL
            GROUP BY i.currency ORDER BY i.currency
            """).ToListAsync(cancellationToken);
        return new StockSummary(totals.Items, totals.UnitsOnHand, value, totals.BelowLowStock, totals.OpenReservations);
    }

    private static ServerSentEventsResult<string> Updates(StockChangeFeed feed, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(EventsAsync(feed, cancellationToken));

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(StockChangeFeed feed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The first event tells the client the stream is open (a proxy holds back headers until a byte flows).
        yield return new SseItem<string>("", "ping");
        await using var changes = feed.ChangesAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = changes.MoveNextAsync().AsTask();
        while (!cancellationToken.IsCancellationRequested)
        {
            Task first;
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                first = await Task.WhenAny(next, Task.Delay(Ping, quiet.Token));
                await quiet.CancelAsync(); // the timer goes with the wait it was for
            }

            if (first != next)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                yield return new SseItem<string>("", "ping");
                continue;
            }

            if (!await next)
            {
                yield break;
            }

            yield return new SseItem<string>(changes.Current, "stock");
            next = changes.MoveNextAsync().AsTask();
        }
    }
}
