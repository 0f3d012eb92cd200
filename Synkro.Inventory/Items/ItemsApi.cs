using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Security;

namespace Synkro.Inventory.Items;

public static class ItemsApi
{
    public static RouteGroupBuilder MapItemsApi(this RouteGroupBuilder api)
    {
        var items = api.MapGroup("/items").WithTags("Items");
        items.MapGet("", ItemQueries.ListAsync).RequireAuthorization(InventoryPolicies.Read).WithName("ListItems");
        items.MapGet("/{sku}", GetAsync).RequireAuthorization(InventoryPolicies.Read).WithName("GetItem");
        items.MapGet("/{sku}/levels", ItemQueries.LevelsAsync).RequireAuthorization(InventoryPolicies.Read).WithName("GetInventoryLevels");
        items.MapGet("/{sku}/movements", ItemQueries.MovementsAsync).RequireAuthorization(InventoryPolicies.Read).WithName("ListMovements");
        items.MapPost("", CreateAsync).RequireAuthorization(InventoryPolicies.ManageCatalog).WithName("CreateItem");
        items.MapPut("/{sku}", UpdateAsync).RequireAuthorization(InventoryPolicies.ManageCatalog).WithName("UpdateItem");
        items.MapDelete("/{sku}", DeleteAsync).RequireAuthorization(InventoryPolicies.ManageCatalog).WithName("DeleteItem")
            .WithDescription("Destroys an item without stock or history; archives one that has either (200 with the archived item).");
        return api;
    }

    internal static async Task<Results<Created<ItemResponse>, ProblemHttpResult>> CreateAsync(
        CreateItemRequest request, InventoryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.Items.AnyAsync(i => i.Sku == request.Sku, cancellationToken))
        {
            return Problems.Conflict("SKU already exists", $"An item with SKU '{request.Sku}' already exists (perhaps archived).");
        }

        var now = clock.GetUtcNow();
        var item = new Item
        {
            Sku = request.Sku!,
            Name = request.Name!,
            Description = request.Description,
            Category = request.Category,
            Attributes = request.Attributes is { ValueKind: System.Text.Json.JsonValueKind.Object } attributes ? attributes.GetRawText() : null,
            Price = request.Price,
            Currency = request.Price is null ? null : request.Currency,
            LowStockThreshold = request.LowStockThreshold,
            OverstockThreshold = request.OverstockThreshold,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Items.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/inventory/items/{item.Sku}", ItemResponse.From(item));
    }

    internal static async Task<Results<Ok<ItemResponse>, ProblemHttpResult>> GetAsync(
        string sku, InventoryDbContext db, InventoryCache cache, CancellationToken cancellationToken)
    {
        var item = await cache.GetOrLoadAsync(InventoryCache.ItemKey(sku), InventoryCache.ItemTtl, async ct =>
            await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Sku == sku, ct) is { } found ? ItemResponse.From(found) : null, cancellationToken);
        return item is null ? Problems.NotFound("Item", sku) : TypedResults.Ok(item);
    }

    internal static async Task<Results<Ok<ItemResponse>, ProblemHttpResult>> UpdateAsync(
        string sku, UpdateItemRequest request, InventoryDbContext db, InventoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var item = await db.Items.SingleOrDefaultAsync(i => i.Sku == sku, cancellationToken);
        if (item is null)
        {
            return Problems.NotFound("Item", sku);
        }

        if (item.ArchivedAt is not null)
        {
            return Problems.Conflict("Item is archived", $"Item '{sku}' was archived at {item.ArchivedAt:O} and can no longer change.");
        }

        item.Name = request.Name!;
        item.Description = request.Description;
        item.Category = request.Category;
        item.Attributes = request.Attributes is { ValueKind: System.Text.Json.JsonValueKind.Object } attributes ? attributes.GetRawText() : null;
        item.Price = request.Price;
        item.Currency = request.Price is null ? null : request.Currency;
        item.LowStockThreshold = request.LowStockThreshold;
        item.OverstockThreshold = request.OverstockThreshold;
        item.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateAsync([InventoryCache.ItemKey(sku)]);
        return TypedResults.Ok(ItemResponse.From(item));
    }

    internal static async Task<Results<NoContent, Ok<ItemResponse>, ProblemHttpResult>> DeleteAsync(
        string sku, InventoryDbContext db, InventoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var item = await db.Items.SingleOrDefaultAsync(i => i.Sku == sku, cancellationToken);
        if (item is null)
        {
            return Problems.NotFound("Item", sku);
        }

        // Levels exist only once stock has moved, and transfers always move stock: levels are the history.
        var hasHistory = await db.StockLevels.AnyAsync(l => l.ItemId == item.Id, cancellationToken);
        if (hasHistory)
        {
            item.ArchivedAt ??= clock.GetUtcNow();
            item.UpdatedAt = item.ArchivedAt.Value;
        }
        else
        {
            db.Items.Remove(item);
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateAsync([InventoryCache.ItemKey(sku), InventoryCache.LevelsKey(sku)]);
        return hasHistory ? TypedResults.Ok(ItemResponse.From(item)) : TypedResults.NoContent();
    }
}
