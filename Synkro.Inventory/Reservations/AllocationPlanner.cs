using Synkro.Inventory.Stock;

namespace Synkro.Inventory.Reservations;

/// <summary>One item's stock in one warehouse as the reservation writer locked it.</summary>
public sealed class StockCandidate
{
    public required Guid ItemId { get; init; }

    public required string Sku { get; init; }

    public required Guid WarehouseId { get; init; }

    public required string WarehouseCode { get; init; }

    public required int Priority { get; init; }

    public required int OnHand { get; init; }

    /// <summary>Reserved as locked, before this batch.</summary>
    public int InitialReserved { get; init; }

    public ItemThresholds? Thresholds { get; init; }

    /// <summary>Grows as requests of the same batch are allocated, so later ones see what earlier ones took.</summary>
    public int Reserved { get; set; }

    public int Available => OnHand - Reserved;
}

/// <summary>Either where each line is served from, or why it cannot be.</summary>
public sealed record AllocationPlan(IReadOnlyList<(StockCandidate Level, int Quantity)> Allocations, IReadOnlyList<Shortage> Shortages)
{
    public bool IsFull => Shortages.Count == 0;
}

/// <summary>
/// Decides which warehouses serve a request. With a requested warehouse, only it may serve.
/// Otherwise, in the strategy's order: one warehouse that can serve every line (one shipment);
/// else, per line, one warehouse that can serve the whole line; else the line is split across
/// warehouses in that order. All or nothing: any short line rejects the whole request.
/// </summary>
public static class AllocationPlanner
{
    public static AllocationPlan Plan(
        IReadOnlyList<RequestedLine> lines,
        IReadOnlyDictionary<string, List<StockCandidate>> candidatesBySku,
        Guid? warehouseId,
        AllocationStrategy strategy)
    {
        List<StockCandidate> Eligible(string sku) =>
            candidatesBySku.TryGetValue(sku, out var all) ? [.. all.Where(c => warehouseId is null || c.WarehouseId == warehouseId)] : [];

        var shortages = lines
            .Select(l => new Shortage(l.Sku!, l.Quantity, Eligible(l.Sku!).Sum(c => Math.Max(0, c.Available))))
            .Where(s => s.Available < s.Requested)
            .ToList();
        if (shortages.Count > 0)
        {
            return new AllocationPlan([], shortages);
        }

        var allocations = new List<(StockCandidate, int)>();
        var whole = WarehousesServingEverything(lines, Eligible, strategy).Cast<Guid?>().FirstOrDefault();
        foreach (var line in lines)
        {
            var candidates = Ordered(Eligible(line.Sku!), strategy);
            var single = whole is not null
                ? candidates.First(c => c.WarehouseId == whole)
                : candidates.FirstOrDefault(c => c.Available >= line.Quantity);
            if (single is not null)
            {
                allocations.Add((single, line.Quantity));
                continue;
            }

            var remaining = line.Quantity;
            foreach (var candidate in candidates.Where(c => c.Available > 0))
            {
                var take = Math.Min(remaining, candidate.Available);
                allocations.Add((candidate, take));
                remaining -= take;
                if (remaining == 0)
                {
                    break;
                }
            }
        }

        return new AllocationPlan(allocations, []);
    }

    /// <summary>Records the plan in the candidates, for the requests after it in the same batch.</summary>
    public static void Apply(AllocationPlan plan)
    {
        foreach (var (level, quantity) in plan.Allocations)
        {
            level.Reserved += quantity;
        }
    }

    private static IEnumerable<Guid> WarehousesServingEverything(
        IReadOnlyList<RequestedLine> lines, Func<string, List<StockCandidate>> eligible, AllocationStrategy strategy)
    {
        var perLine = lines.Select(l => eligible(l.Sku!).Where(c => c.Available >= l.Quantity).ToList()).ToList();
        var common = perLine.Skip(1).Aggregate(
            perLine[0].Select(c => c.WarehouseId).ToHashSet(),
            (set, next) => { set.IntersectWith(next.Select(c => c.WarehouseId)); return set; });
        var all = perLine.SelectMany(c => c).Where(c => common.Contains(c.WarehouseId)).ToList();
        return strategy == AllocationStrategy.MostAvailable
            ? all.GroupBy(c => c.WarehouseId).OrderByDescending(g => g.Sum(c => c.Available)).ThenBy(g => g.First().Priority).Select(g => g.Key)
            : all.OrderBy(c => c.Priority).ThenBy(c => c.WarehouseCode, StringComparer.Ordinal).Select(c => c.WarehouseId).Distinct();
    }

    private static List<StockCandidate> Ordered(List<StockCandidate> candidates, AllocationStrategy strategy) =>
        strategy == AllocationStrategy.MostAvailable
            ? [.. candidates.OrderByDescending(c => c.Available).ThenBy(c => c.Priority).ThenBy(c => c.WarehouseCode, StringComparer.Ordinal)]
            : [.. candidates.OrderBy(c => c.Priority).ThenBy(c => c.WarehouseCode, StringComparer.Ordinal)];
}
