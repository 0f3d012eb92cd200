using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Stock;

namespace Synkro.Inventory.Items;

/// <summary>The read side of items: the catalogue list and search, levels, and the ledger.</summary>
internal static class ItemQueries
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// The catalogue, a page at a time. Without <c>q</c>: ordered by SKU with keyset paging
    /// (<c>after</c>), so page 1000 costs what page 1 does. With <c>q</c>, one of two searches, each
    /// fast at a million items whatever the term (docs/inventory.md has the numbers):
    /// a term that looks like a SKU or a fragment of one (a digit, no space) finds every SKU or name
    /// containing it, ordered by SKU; any other term gives the best word matches first (trigram
    /// word similarity), one page, as a search box does.
    /// </summary>
    public static async Task<Results<Ok<ItemPage>, ValidationProblem>> ListAsync(
        InventoryDbContext db,
        CancellationToken cancellationToken,
        [StringLength(100)] string? category = null,
        [StringLength(200)] string? q = null,
        [StringLength(ItemRules.SkuMaxLength)] string? after = null,
        [Range(1, MaxPageSize)] int limit = DefaultPageSize,
        bool includeArchived = false)
    {
        q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        category = string.IsNullOrEmpty(category) ? null : category;
        after = string.IsNullOrEmpty(after) ? null : after;
        if (q is not null && LooksLikeSku(q))
        {
            return TypedResults.Ok(Page(await ContainingAsync(db, q, category, after, limit, includeArchived, cancellationToken), limit));
        }

        var items = db.Items.AsNoTracking();
        items = includeArchived ? items : items.Where(i => i.ArchivedAt == null);
        items = category is null ? items : items.Where(i => i.Category == category);
        if (q is not null)
        {
            var best = await items.OrderBy(i => EF.Functions.TrigramsWordSimilarityDistance(q, i.SearchText)).Take(limit).Select(Summary).ToListAsync(cancellationToken);
            return TypedResults.Ok(new ItemPage(best, null));
        }

        items = after is null ? items : items.Where(i => string.Compare(i.Sku, after) > 0);
        return TypedResults.Ok(Page(await items.OrderBy(i => i.Sku).Take(limit + 1).Select(Summary).ToListAsync(cancellationToken), limit));
    }

    private static readonly System.Linq.Expressions.Expression<Func<Item, ItemSummary>> Summary =
        i => new ItemSummary(i.Id, i.Sku, i.Name, i.Category, i.Price, i.Currency, i.ArchivedAt);

    private static readonly Func<Item, ItemSummary> ToSummary = Summary.Compile();

    private static ItemPage Page(List<ItemSummary> page, int limit) =>
        page.Count > limit ? new ItemPage(page[..limit], page[limit - 1].Sku) : new ItemPage(page, null);

    /// <summary>A digit and no space: a SKU or part of one, where "contains" is what people mean.</summary>
    private static bool LooksLikeSku(string q) => q.Length >= 3 && q.Any(char.IsAsciiDigit) && !q.Any(char.IsWhiteSpace);

    /// <summary>
    /// Everything containing the fragment, by SKU. Materialised first so the planner must use the
    /// GIN trigram index (a fragment matches few rows) rather than walk the SKU index and filter,
    /// which it may estimate cheaper and which is slow when the matches sit late in SKU order.
    /// </summary>
    private static async Task<List<ItemSummary>> ContainingAsync(
        InventoryDbContext db, string fragment, string? category, string? after, int limit, bool includeArchived, CancellationToken cancellationToken)
    {
        var pattern = "%" + fragment.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
        var found = await db.Items.FromSql(
            $"""
            WITH found AS MATERIALIZED (
                SELECT * FROM inventory.items
                WHERE search_text ILIKE {pattern}
                  AND ({includeArchived} OR archived_at IS NULL)
                  AND ({category}::text IS NULL OR category = {category})
                  AND ({after}::text IS NULL OR sku > {after}))
            SELECT * FROM found ORDER BY sku LIMIT {limit + 1}
            """).AsNoTracking().ToListAsync(cancellationToken);
        return [.. found.Select(ToSummary)];
    }

    public static async Task<Results<Ok<List<LevelResponse>>, ProblemHttpResult>> LevelsAsync(
        string sku, InventoryDbContext db, InventoryCache cache, CancellationToken cancellationToken)
    {
        var levels = await cache.GetOrLoadAsync(InventoryCache.LevelsKey(sku), InventoryCache.LevelsTtl, async ct =>
        {
            var itemId = await db.Items.Where(i => i.Sku == sku).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);
            return itemId is null ? null : await db.StockLevels.AsNoTracking()
                .Where(l => l.ItemId == itemId)
                .OrderBy(l => l.Warehouse!.Code)
                .Select(l => new LevelResponse(l.WarehouseId, l.Warehouse!.Code, l.OnHand, l.Reserved, l.Available, l.Incoming, l.UpdatedAt))
                .ToListAsync(ct);
        }, cancellationToken);
        return levels is null ? Problems.NotFound("Item", sku) : TypedResults.Ok(levels);
    }

    /// <summary>The item's ledger, oldest first; page with <c>after</c> (a movement id).</summary>
    public static async Task<Results<Ok<List<MovementResponse>>, ProblemHttpResult>> MovementsAsync(
        string sku,
        InventoryDbContext db,
        CancellationToken cancellationToken,
        Guid? warehouseId = null,
        Guid? after = null,
        [Range(1, 1000)] int limit = 100)
    {
        var itemId = await db.Items.Where(i => i.Sku == sku).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(cancellationToken);
        if (itemId is null)
        {
            return Problems.NotFound("Item", sku);
        }

        var movements = db.StockMovements.AsNoTracking().Where(m => m.ItemId == itemId);
        if (warehouseId is not null)
        {
            movements = movements.Where(m => m.WarehouseId == warehouseId);
        }

        if (after is not null)
        {
            movements = movements.Where(m => m.Id.CompareTo(after.Value) > 0);
        }

        var page = await movements.OrderBy(m => m.Id).Take(limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.Select(m => MovementResponse.From(m, sku)).ToList());
    }
}
