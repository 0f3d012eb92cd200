using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Stock;

/// <summary>What the threshold events need to know about an item.</summary>
public sealed record ItemThresholds(Guid ItemId, string Sku, int? LowStock, int? Overstock);

/// <summary>
/// A level is low when its available quantity is at or below the item's low-stock threshold, and
/// overstocked when on hand is above the overstock threshold. An event is raised when a change
/// crosses into that state, comparing the level before and after, so further changes while it
/// stays there raise nothing: one event per crossing, with no extra state to keep.
/// </summary>
public static class StockThresholds
{
    public static IEnumerable<IntegrationEvent> Crossings(ItemThresholds item, Guid warehouseId, (int OnHand, int Reserved) before, (int OnHand, int Reserved) after)
    {
        if (item.LowStock is { } low && before.OnHand - before.Reserved > low && after.OnHand - after.Reserved <= low)
        {
            yield return new LowStockDetected(item.Sku, warehouseId, after.OnHand - after.Reserved, low);
        }

        if (item.Overstock is { } over && before.OnHand <= over && after.OnHand > over)
        {
            yield return new OverstockDetected(item.Sku, warehouseId, after.OnHand, over);
        }
    }
}
