using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Stock;

/// <summary>
/// Changes levels the one way that keeps the ledger whole: lock, change, append a movement, raise
/// threshold events, all in the caller's transaction. Every writer locks levels in the database's
/// (item_id, warehouse_id) order, so two writers never wait on each other in a cycle.
/// </summary>
public sealed class StockLedger(InventoryDbContext db, IEventOutbox outbox, TimeProvider clock)
{
    private readonly Dictionary<Guid, ItemThresholds> items = [];

    /// <summary>Locks the levels FOR UPDATE, creating empty ones first when <paramref name="createMissing"/>.</summary>
    public async Task<IReadOnlyDictionary<(Guid ItemId, Guid WarehouseId), StockLevel>> LockAsync(
        IEnumerable<(Guid ItemId, Guid WarehouseId)> keys, bool createMissing, CancellationToken cancellationToken)
    {
        var distinct = keys.Distinct().ToList();
        var itemIds = distinct.Select(k => k.ItemId).ToArray();
        var warehouseIds = distinct.Select(k => k.WarehouseId).ToArray();
        if (createMissing)
        {
            var now = clock.GetUtcNow();
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO inventory.stock_levels (item_id, warehouse_id, on_hand, reserved, incoming, updated_at)
                SELECT k.item_id, k.warehouse_id, 0, 0, 0, {now}
                FROM unnest({itemIds}, {warehouseIds}) AS k(item_id, warehouse_id)
                ORDER BY k.item_id, k.warehouse_id
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        }

        var levels = await db.StockLevels.FromSql(
            $"""
            SELECT l.* FROM inventory.stock_levels l
            JOIN unnest({itemIds}, {warehouseIds}) AS k(item_id, warehouse_id) USING (item_id, warehouse_id)
            ORDER BY l.item_id, l.warehouse_id
            FOR UPDATE OF l
            """).ToListAsync(cancellationToken);
        await LoadItemsAsync(itemIds, cancellationToken);
        return levels.ToDictionary(l => (l.ItemId, l.WarehouseId));
    }

    /// <summary>Applies the change to a level locked by <see cref="LockAsync"/> and records its movement.</summary>
    public StockMovement Apply(StockLevel level, StockChange change, string actor)
    {
        var item = items[level.ItemId];
        var before = (level.OnHand, level.Reserved);
        var (onHand, reserved, incoming) = (level.OnHand + change.OnHand, level.Reserved + change.Reserved, level.Incoming + change.Incoming);
        if (reserved < 0 || incoming < 0)
        {
            throw new StockRuleViolation(item.Sku, level.WarehouseId, $"{change.Type} would leave {item.Sku} with negative reserved or incoming stock.");
        }

        if (reserved > onHand)
        {
            throw new StockRuleViolation(
                item.Sku, level.WarehouseId,
                $"{change.Type} would leave {onHand} on hand of {item.Sku} but {reserved} are reserved; at most {level.OnHand - level.Reserved} can leave.");
        }

        var now = clock.GetUtcNow();
        (level.OnHand, level.Reserved, level.Incoming, level.UpdatedAt) = (onHand, reserved, incoming, now);
        var movement = new StockMovement
        {
            ItemId = level.ItemId,
            WarehouseId = level.WarehouseId,
            Type = change.Type,
            OnHandDelta = change.OnHand,
            ReservedDelta = change.Reserved,
            IncomingDelta = change.Incoming,
            ReasonCode = change.ReasonCode,
            Note = change.Note,
            Actor = actor,
            ReservationId = change.ReservationId,
            TransferId = change.TransferId,
            OccurredAt = now,
        };
        db.StockMovements.Add(movement);
        foreach (var crossing in StockThresholds.Crossings(item, level.WarehouseId, before, (onHand, reserved)))
        {
            outbox.Add(crossing);
        }

        return movement;
    }

    public string SkuOf(Guid itemId) => items[itemId].Sku;

    private async Task LoadItemsAsync(Guid[] itemIds, CancellationToken cancellationToken)
    {
        var missing = itemIds.Where(id => !items.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var loaded = await db.Items.AsNoTracking()
            .Where(i => missing.Contains(i.Id))
            .Select(i => new ItemThresholds(i.Id, i.Sku, i.LowStockThreshold, i.OverstockThreshold))
            .ToListAsync(cancellationToken);
        foreach (var item in loaded)
        {
            items[item.ItemId] = item;
        }
    }
}
