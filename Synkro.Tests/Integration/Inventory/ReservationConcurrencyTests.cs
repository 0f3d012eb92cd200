using System.Net;
using System.Net.Http.Json;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>The reservation path under contention, across both replicas: never oversell, never leak a deadlock.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class ReservationConcurrencyTests : InventoryScenario
{
    [Test]
    public async Task Two_hundred_concurrent_single_unit_reservations_against_ten_in_stock_hold_exactly_ten()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 10);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Inventory.ReserveAsync($"c200-{sku}-{i}", InventoryClient.Reservation((sku, 1)))));

        var codes = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(codes, Is.EquivalentTo(new Dictionary<HttpStatusCode, int> { [HttpStatusCode.Created] = 10, [HttpStatusCode.Conflict] = 190 }));
        var level = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((level.OnHand, level.Reserved, level.Available), Is.EqualTo((10, 10, 0)));
        var rejection = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<Problem>(InventoryClient.Json);
        Assert.That(rejection!.Shortages, Is.EqualTo(new[] { new Shortage(sku, 1, 0) }));
    }

    [Test]
    public async Task Multi_line_requests_in_opposite_orders_are_all_or_nothing_and_never_surface_a_deadlock()
    {
        var (north, south) = (await Inventory.CreateWarehouseAsync(priority: 1), await Inventory.CreateWarehouseAsync(priority: 2));
        string[] skus = [await Inventory.CreateItemAsync(), await Inventory.CreateItemAsync(), await Inventory.CreateItemAsync()];
        foreach (var sku in skus)
        {
            await Inventory.AdjustAsync(sku, north, 15);
            await Inventory.AdjustAsync(sku, south, 15);
        }

        // Every pair and the triple, in both orders, with quantities that force splits across warehouses.
        var shapes = new[] { new[] { 0, 1 }, [1, 0], [1, 2], [2, 1], [2, 0], [0, 2], [0, 1, 2], [2, 1, 0] };
        var requests = Enumerable.Range(0, 120).Select(i =>
        {
            var lines = shapes[i % shapes.Length].Select(s => (skus[s], 1 + i % 4)).ToArray();
            return (Lines: lines, Task: Inventory.ReserveAsync($"multi-{skus[0]}-{i}", InventoryClient.Reservation(lines)));
        }).ToList();
        var responses = await Task.WhenAll(requests.Select(r => r.Task));

        Assert.That(responses.Select(r => r.StatusCode).Distinct(), Is.SubsetOf(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }),
            string.Join("\n", await Task.WhenAll(responses.Where(r => (int)r.StatusCode >= 500).Select(r => r.Content.ReadAsStringAsync()))));
        var held = new Dictionary<string, int>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            var reservation = await response.Content.ReadFromJsonAsync<InventoryClient.ReservationBody>(InventoryClient.Json);
            foreach (var allocation in reservation!.Allocations)
            {
                held[allocation.Sku] = held.GetValueOrDefault(allocation.Sku) + allocation.Quantity;
            }
        }

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.GreaterThan(0));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.GreaterThan(0), "the stock should run out");
        foreach (var sku in skus)
        {
            var levels = await Inventory.LevelsAsync(sku);
            Assert.That(levels.Sum(l => l.Reserved), Is.EqualTo(held.GetValueOrDefault(sku)), sku);
            Assert.That(levels.Sum(l => l.OnHand), Is.EqualTo(30), sku);
        }
    }

    [Test]
    public async Task Ten_parallel_calls_with_one_idempotency_key_make_one_reservation()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 100);
        var orderId = Guid.CreateVersion7();
        var body = InventoryClient.Reservation(orderId, 900, null, (sku, 3));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Inventory.ReserveAsync($"once-{orderId}", body)));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<InventoryClient.ReservationBody>(InventoryClient.Json))!.Id));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(1));
        Assert.That(await InventoryInvariants.ScalarAsync<long>("SELECT count(*) FROM inventory.reservations WHERE order_id = $1", orderId), Is.EqualTo(1));
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Reserved, Is.EqualTo(3));
    }

    [Test]
    public async Task Expiry_racing_commits_gives_each_reservation_one_final_state_and_returns_stock_at_most_once()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 100);
        var reservations = new List<InventoryClient.ReservationBody>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await Inventory.ReserveAsync($"race-{sku}-{i}", InventoryClient.Reservation(Guid.CreateVersion7(), 1, null, (sku, 2)));
            reservations.Add(await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(response, HttpStatusCode.Created));
        }

        // Commits fired around each reservation's deadline, while the sweepers of both replicas run.
        var commits = reservations.Select(async (r, i) =>
        {
            var at = r.ExpiresAt.AddMilliseconds(-300 + 20 * i) - DateTimeOffset.UtcNow;
            if (at > TimeSpan.Zero)
            {
                await Task.Delay(at);
            }

            using var response = await Inventory.Http.PostAsync($"/api/inventory/reservations/{r.Id}/commit", null);
            return response.StatusCode;
        }).ToList();
        var outcomes = await Task.WhenAll(commits);
        Assert.That(outcomes, Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict));

        // The sweepers close what the commits left open: wait until every reservation is closed.
        var deadline = Deadlines.In(Deadlines.Eventually);
        List<InventoryClient.ReservationBody> finals;
        while ((finals = await ReadAllAsync(reservations)).Any(r => r.Status is not ("Committed" or "Expired")) && !deadline.Passed)
        {
            await Task.Delay(200);
        }

        var committed = 0;
        foreach (var (final, outcome) in finals.Zip(outcomes))
        {
            Assert.That(final.Status, Is.EqualTo(outcome == HttpStatusCode.OK ? "Committed" : "Expired"), $"{final.Id} after {deadline}");
            committed += final.Status == "Committed" ? 1 : 0;
        }

        var level = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((level.OnHand, level.Reserved), Is.EqualTo((100 - 2 * committed, 0)));
        Assert.That(
            await InventoryInvariants.ScalarAsync<long>(
                "SELECT count(*) FROM inventory.stock_movements m JOIN inventory.reservations r ON r.id = m.reservation_id WHERE r.order_id IS NOT NULL AND m.item_id = (SELECT id FROM inventory.items WHERE sku = $1) AND m.type IN ('Issue', 'Expiry', 'Release')", sku),
            Is.EqualTo(30), "one closing movement per reservation");
        TestContext.Out.WriteLine($"{committed} of 30 committed before expiry");
    }

    private async Task<List<InventoryClient.ReservationBody>> ReadAllAsync(IEnumerable<InventoryClient.ReservationBody> reservations)
    {
        var read = new List<InventoryClient.ReservationBody>();
        foreach (var reservation in reservations)
        {
            using var response = await Inventory.Http.GetAsync($"/api/inventory/reservations/{reservation.Id}");
            read.Add(await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(response, HttpStatusCode.OK));
        }

        return read;
    }

    private sealed record Problem(string Title, List<Shortage> Shortages);

    private sealed record Shortage(string Sku, int Requested, int Available);
}
