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
    /// The catalogue, a page at a time, ordered by SKU with keyset paging (<c>after</c>), so page
    /// 1000 costs what page 1 does. <c>q</c> keeps the items whose SKU or name contains every word of
    /// it (case-insensitive). A search matching more than <see cref="SearchProbe"/> items (a word half
    /// the catalogue shares) answers with the best matches by trigram word similarity instead, one
    /// page without <c>nextAfter</c>: listing thousands of matches in SKU order would mean reading
    /// them all, and nobody pages through them.
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
        category = string.IsNullOrEmpty(category) ? null : category;
        after = string.IsNullOrEmpty(after) ? null : after;
        var words = (q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length > MaxSearchWords)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [$"Search with at most {MaxSearchWords} words."] });
        }

        if (words.Length > 0)
        {
            var found = await ContainingAsync(db, words, category, after, includeArchived, cancellationToken);
            if (found.Count <= SearchProbe)
            {
                return TypedResults.Ok(Page([.. found.OrderBy(i => i.Sku, StringComparer.Ordinal).Take(limit + 1).Select(ToSummary)], limit));
            }

            var best = await Filtered(db, category, includeArchived)
                .OrderBy(i => EF.Functions.TrigramsWordSimilarityDistance(q!, i.SearchText))
                .Take(limit).Select(Summary).ToListAsync(cancellationToken);
            return TypedResults.Ok(new ItemPage(best, null));
        }

        var items = Filtered(db, category, includeArchived);
        items = after is null ? items : items.Where(i => string.Compare(i.Sku, after) > 0);
        return TypedResults.Ok(Page(await items.OrderBy(i => i.Sku).Take(limit + 1).Select(Summary).ToListAsync(cancellationToken), limit));
    }

    /// <summary>Matches beyond this many switch a search to best-first.</summary>
    public const int SearchProbe = 500;

    public const int MaxSearchWords = 5;

    private static readonly System.Linq.Expressions.Expression<Func<Item, ItemSummary>> Summary =
        i => new ItemSummary(i.Id, i.Sku, i.Name, i.Category, i.Price, i.Currency, i.ArchivedAt);

    private static readonly Func<Item, ItemSummary> ToSummary = Summary.Compile();

    private static IQueryable<Item> Filtered(InventoryDbContext db, string? category, bool includeArchived)
    {
        var items = db.Items.AsNoTracking();
        items = includeArchived ? items : items.Where(i => i.ArchivedAt == null);
        return category is null ? items : items.Where(i => i.Category == category);
    }

    private static ItemPage Page(List<ItemSummary> page, int limit) =>
        page.Count > limit ? new ItemPage(page[..limit], page[limit - 1].Sku) : new ItemPage(page, null);

    /// <summary>
    /// Up to <see cref="SearchProbe"/> + 1 items containing every word, found through the GIN
    /// trigram index on lower(search_text): a bitmap of the candidates, then only as many rows as
    /// the limit lets through. Materialised, so no ORDER BY tempts the planner into walking the
    /// SKU index instead (slow when the matches sit late in SKU order).
    /// </summary>
    private static Task<List<Item>> ContainingAsync(
        InventoryDbContext db, string[] words, string? category, string? after, bool includeArchived, CancellationToken cancellationToken)
    {
        var parameters = new List<object?> { includeArchived, category, after, SearchProbe + 1 };
        var conditions = string.Concat(words.Select((word, i) =>
        {
            parameters.Add("%" + word.ToLowerInvariant().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%");
            return $" AND lower(search_text) LIKE {{{4 + i}}}";
        }));
        // Only placeholders are interpolated; every value is a parameter.
        var sql = $$"""
            WITH found AS MATERIALIZED (
                SELECT * FROM inventory.items
                WHERE ({0} OR archived_at IS NULL)
                  AND ({1}::text IS NULL OR category = {1})
                  AND ({2}::text IS NULL OR sku > {2}){{conditions}}
                LIMIT {3})
            SELECT * FROM found
            """;
        return db.Items.FromSqlRaw(sql, [.. parameters]).AsNoTracking().ToListAsync(cancellationToken);
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
