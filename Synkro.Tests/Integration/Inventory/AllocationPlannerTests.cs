using Synkro.Inventory.Reservations;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>Which warehouses serve a request: the planner alone, no database.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class AllocationPlannerTests
{
    private static readonly Guid North = Guid.Parse("00000000-0000-7000-8000-000000000001");
    private static readonly Guid South = Guid.Parse("00000000-0000-7000-8000-000000000002");
    private static readonly Guid East = Guid.Parse("00000000-0000-7000-8000-000000000003");

    [Test]
    public void One_warehouse_that_can_serve_every_line_is_preferred_over_the_priority_order()
    {
        var stock = Stock(("A", North, 1, 5), ("B", North, 1, 0), ("A", South, 2, 5), ("B", South, 2, 5));

        var plan = AllocationPlanner.Plan(Lines(("A", 2), ("B", 1)), stock, null, AllocationStrategy.Priority);

        Assert.That(plan.Allocations.Select(a => (a.Level.Sku, a.Level.WarehouseId, a.Quantity)), Is.EqualTo(new[] { ("A", South, 2), ("B", South, 1) }));
    }

    [Test]
    public void A_line_no_warehouse_can_serve_alone_is_split_in_strategy_order()
    {
        var stock = Stock(("A", North, 1, 2), ("A", South, 2, 3), ("A", East, 3, 10));

        var byPriority = AllocationPlanner.Plan(Lines(("A", 11)), stock, null, AllocationStrategy.Priority);
        var byStock = AllocationPlanner.Plan(Lines(("A", 11)), stock, null, AllocationStrategy.MostAvailable);

        Assert.That(byPriority.Allocations.Select(a => (a.Level.WarehouseId, a.Quantity)), Is.EqualTo(new[] { (North, 2), (South, 3), (East, 6) }));
        Assert.That(byStock.Allocations.Select(a => (a.Level.WarehouseId, a.Quantity)), Is.EqualTo(new[] { (East, 10), (South, 1) }));
    }

    [Test]
    public void Most_available_picks_the_fullest_warehouse_for_a_line_one_can_serve()
    {
        var stock = Stock(("A", North, 1, 4), ("A", South, 2, 9));

        var plan = AllocationPlanner.Plan(Lines(("A", 3)), stock, null, AllocationStrategy.MostAvailable);

        Assert.That(plan.Allocations.Single().Level.WarehouseId, Is.EqualTo(South));
    }

    [Test]
    public void Any_short_line_rejects_the_whole_request_with_what_was_available()
    {
        var stock = Stock(("A", North, 1, 5), ("B", North, 1, 1), ("B", South, 2, 1));

        var plan = AllocationPlanner.Plan(Lines(("A", 1), ("B", 3), ("C", 1)), stock, null, AllocationStrategy.Priority);

        Assert.That(plan.IsFull, Is.False);
        Assert.That(plan.Allocations, Is.Empty);
        Assert.That(plan.Shortages, Is.EqualTo(new[] { new Shortage("B", 3, 2), new Shortage("C", 1, 0) }));
    }

    [Test]
    public void A_requested_warehouse_serves_alone()
    {
        var stock = Stock(("A", North, 1, 5), ("A", South, 2, 2));

        var plan = AllocationPlanner.Plan(Lines(("A", 3)), stock, South, AllocationStrategy.Priority);

        Assert.That(plan.Shortages, Is.EqualTo(new[] { new Shortage("A", 3, 2) }));
    }

    [Test]
    public void Requests_of_one_batch_see_what_earlier_ones_took()
    {
        var stock = Stock(("A", North, 1, 3));

        var first = AllocationPlanner.Plan(Lines(("A", 2)), stock, null, AllocationStrategy.Priority);
        AllocationPlanner.Apply(first);
        var second = AllocationPlanner.Plan(Lines(("A", 2)), stock, null, AllocationStrategy.Priority);

        Assert.That((first.IsFull, second.Shortages.Single().Available), Is.EqualTo((true, 1)));
    }

    private static List<RequestedLine> Lines(params (string Sku, int Quantity)[] lines) => [.. lines.Select(l => new RequestedLine(l.Sku, l.Quantity))];

    private static Dictionary<string, List<StockCandidate>> Stock(params (string Sku, Guid Warehouse, int Priority, int Available)[] levels) =>
        levels.GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => g.Select(l => new StockCandidate
        {
            ItemId = Guid.Empty, Sku = l.Sku, WarehouseId = l.Warehouse, WarehouseCode = l.Warehouse.ToString(), Priority = l.Priority, OnHand = l.Available,
        }).ToList());
}
