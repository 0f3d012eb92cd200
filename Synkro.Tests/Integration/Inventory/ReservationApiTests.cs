using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>The reservation contract of issue 4, one answer at a time.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class ReservationApiTests : InventoryScenario
{
    [Test]
    public async Task Reserve_answers_201_with_the_allocations_and_holds_the_stock()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 10);

        using var response = await Inventory.ReserveAsync(Guid.NewGuid().ToString(), new { orderId = Guid.CreateVersion7(), lines = new[] { new { sku, quantity = 2 } }, ttlSeconds = 900, warehouseId = (Guid?)null });

        var body = await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.Created);
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That(body.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow.AddSeconds(900)).Within(TimeSpan.FromSeconds(30)));
        var allocation = body.GetProperty("allocations").EnumerateArray().Single();
        Assert.That((allocation.GetProperty("sku").GetString(), allocation.GetProperty("warehouseId").GetGuid(), allocation.GetProperty("quantity").GetInt32()), Is.EqualTo((sku, warehouse, 2)));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/inventory/reservations/{body.GetProperty("id").GetGuid()}"));
        var level = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((level.WarehouseId, level.OnHand, level.Reserved, level.Available, level.Incoming), Is.EqualTo((warehouse, 10, 2, 8, 0)));
    }

    [Test]
    public async Task Insufficient_stock_is_409_with_shortages_holds_nothing_and_replays_the_same()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var (plenty, scarce) = (await Inventory.CreateItemAsync(), await Inventory.CreateItemAsync());
        await Inventory.AdjustAsync(plenty, warehouse, 10);
        await Inventory.AdjustAsync(scarce, warehouse, 1);
        var body = InventoryClient.Reservation((plenty, 5), (scarce, 3));

        using var first = await Inventory.ReserveAsync("short-" + scarce, body);
        using var replay = await Inventory.ReserveAsync("short-" + scarce, body);

        foreach (var response in new[] { first, replay })
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            var problem = await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.Conflict);
            var shortage = problem.GetProperty("shortages").EnumerateArray().Single();
            Assert.That((shortage.GetProperty("sku").GetString(), shortage.GetProperty("requested").GetInt32(), shortage.GetProperty("available").GetInt32()), Is.EqualTo((scarce, 3, 1)));
        }

        Assert.That((await Inventory.LevelsAsync(plenty)).Single().Reserved, Is.Zero, "all or nothing");
    }

    [Test]
    public async Task Replaying_a_key_returns_the_first_result_and_a_different_body_with_it_is_refused()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 10);
        var orderId = Guid.CreateVersion7();

        using var first = await Inventory.ReserveAsync("k-" + sku, InventoryClient.Reservation(orderId, 900, null, (sku, 4)), Inventory.Replica(0));
        using var replay = await Inventory.ReserveAsync("k-" + sku, InventoryClient.Reservation(orderId, 900, null, (sku, 4)), Inventory.Replica(1));
        using var different = await Inventory.ReserveAsync("k-" + sku, InventoryClient.Reservation(orderId, 900, null, (sku, 5)));

        Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(different.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Reserved, Is.EqualTo(4));
    }

    [Test]
    public async Task Commit_issues_the_stock_and_is_idempotent_release_after_commit_is_refused()
    {
        var (reservation, sku) = await ReserveAsync(quantity: 3);

        using var commit = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/commit", null);
        using var again = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/commit", null);
        using var release = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/release", null);

        Assert.That((await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(commit, HttpStatusCode.OK)).Status, Is.EqualTo("Committed"));
        Assert.That((await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(again, HttpStatusCode.OK)).Status, Is.EqualTo("Committed"));
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(release, HttpStatusCode.Conflict)).GetProperty("reservationStatus").GetString(), Is.EqualTo("Committed"));
        var level = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((level.OnHand, level.Reserved), Is.EqualTo((7, 0)));
        using var ledger = await Inventory.Http.GetAsync($"/api/inventory/items/{sku}/movements");
        var types = (await InventoryClient.ReadAsync<JsonElement[]>(ledger, HttpStatusCode.OK)).Select(m => m.GetProperty("type").GetString());
        Assert.That(types, Is.EqualTo(new[] { "Receipt", "Reserve", "Issue" }));
    }

    [Test]
    public async Task Release_returns_the_stock_is_idempotent_and_commit_after_it_is_refused()
    {
        var (reservation, sku) = await ReserveAsync(quantity: 3);

        using var release = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/release", null);
        using var again = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/release", null);
        using var commit = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/commit", null);

        Assert.That((await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(release, HttpStatusCode.OK)).Status, Is.EqualTo("Released"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var problem = await InventoryClient.ReadAsync<JsonElement>(commit, HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Reservation released"));
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Available, Is.EqualTo(10));
    }

    [Test]
    public async Task Commit_after_expiry_is_refused_and_the_stock_comes_back_once()
    {
        var (reservation, sku) = await ReserveAsync(quantity: 3, ttlSeconds: 1);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        using var commit = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/commit", null);
        using var get = await Inventory.Http.GetAsync($"/api/inventory/reservations/{reservation}");

        Assert.That((await InventoryClient.ReadAsync<JsonElement>(commit, HttpStatusCode.Conflict)).GetProperty("title").GetString(), Is.EqualTo("Reservation expired"));
        Assert.That((await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(get, HttpStatusCode.OK)).Status, Is.EqualTo("Expired"));
        var level = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((level.OnHand, level.Reserved), Is.EqualTo((10, 0)));
    }

    [Test]
    public async Task An_allocated_reservation_outlives_its_hold_and_only_deallocate_gives_it_up()
    {
        var (reservation, sku) = await ReserveAsync(quantity: 4, ttlSeconds: 2);
        var (companion, _) = await ReserveAsync(quantity: 1, ttlSeconds: 2);
        using var allocate = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/allocate", null);
        Assert.That((await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(allocate, HttpStatusCode.OK)).Status, Is.EqualTo("Allocated"));

        // A hold made after it with the same life, expired by the sweeper: the sweeper has run past the allocation's deadline.
        await WaitForStatusAsync(companion, "Expired");
        await WaitForStatusAsync(reservation, "Allocated", until: DateTime.UtcNow.AddSeconds(2)); // stays so through further sweeps
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Reserved, Is.EqualTo(4), "still held for the order");

        using var release = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/release", null);
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(release, HttpStatusCode.Conflict)).GetProperty("title").GetString(), Is.EqualTo("Reservation allocated"));
        using var deallocate = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/deallocate", null);
        using var again = await Inventory.Http.PostAsync($"/api/inventory/reservations/{reservation}/deallocate", null);
        Assert.That((await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(deallocate, HttpStatusCode.OK)).Status, Is.EqualTo("Released"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "idempotent");
        var level = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((level.OnHand, level.Reserved), Is.EqualTo((10, 0)), "the stock came back once");
    }

    [Test]
    public async Task The_sweeper_expires_what_nobody_commits()
    {
        var (reservation, sku) = await ReserveAsync(quantity: 4, ttlSeconds: 1);

        var deadline = Deadlines.In(Deadlines.Eventually);
        InventoryClient.ReservationBody body;
        do
        {
            await Task.Delay(250);
            using var get = await Inventory.Http.GetAsync($"/api/inventory/reservations/{reservation}");
            body = await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(get, HttpStatusCode.OK);
        }
        while (body.Status == "Active" && !deadline.Passed);

        Assert.That(body.Status, Is.EqualTo("Expired"));
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Reserved, Is.Zero);
    }

    [Test]
    public async Task A_requested_warehouse_serves_alone_and_otherwise_a_line_is_split_by_priority()
    {
        var (first, second) = (await Inventory.CreateWarehouseAsync(priority: 1), await Inventory.CreateWarehouseAsync(priority: 2));
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, first, 3);
        await Inventory.AdjustAsync(sku, second, 5);

        using var pinned = await Inventory.ReserveAsync(Guid.NewGuid().ToString(), InventoryClient.Reservation(Guid.CreateVersion7(), 900, second, (sku, 4)));
        using var pinnedShort = await Inventory.ReserveAsync(Guid.NewGuid().ToString(), InventoryClient.Reservation(Guid.CreateVersion7(), 900, first, (sku, 4)));
        using var split = await Inventory.ReserveAsync(Guid.NewGuid().ToString(), InventoryClient.Reservation((sku, 4)));

        Assert.That((await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(pinned, HttpStatusCode.Created)).Allocations,
            Is.EqualTo(new[] { new InventoryClient.Allocation(sku, second, 4) }));
        Assert.That(pinnedShort.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(split, HttpStatusCode.Created)).Allocations,
            Is.EqualTo(new[] { new InventoryClient.Allocation(sku, first, 3), new InventoryClient.Allocation(sku, second, 1) }));
    }

    [Test]
    public async Task Bad_requests_are_400_problems_naming_the_fields()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 1);

        using var invalid = await Inventory.ReserveAsync("bad-1", new { orderId = Guid.Empty, lines = new[] { new { sku, quantity = 0 } } });
        using var unknown = await Inventory.ReserveAsync("bad-2", InventoryClient.Reservation((sku, 1), ("NO-SUCH-SKU", 1)));
        using var malformed = await Inventory.Http.PostAsync("/api/inventory/reservations", new StringContent("{\"orderId\":", System.Text.Encoding.UTF8, "application/json"));
        using var noKey = await Inventory.Http.PostAsJsonAsync("/api/inventory/reservations", InventoryClient.Reservation((sku, 1)));

        var errors = (await InventoryClient.ReadAsync<JsonElement>(invalid, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "orderId", "lines[0].quantity" }));
        var unknownErrors = (await InventoryClient.ReadAsync<JsonElement>(unknown, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.That(unknownErrors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "lines[1].sku" }));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(malformed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(noKey, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _), Is.True);
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Reserved, Is.Zero);
    }

    [Test]
    public async Task Unknown_reservations_are_404_problems()
    {
        using var get = await Inventory.Http.GetAsync($"/api/inventory/reservations/{Guid.NewGuid()}");
        using var commit = await Inventory.Http.PostAsync($"/api/inventory/reservations/{Guid.NewGuid()}/commit", null);

        foreach (var response in new[] { get, commit })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    /// <summary>Until the reservation has the status (within <see cref="Deadlines.Eventually"/>); with <paramref name="until"/>, that it keeps it until then.</summary>
    private async Task WaitForStatusAsync(Guid reservation, string status, DateTime? until = null)
    {
        var deadline = until ?? DateTime.UtcNow + Deadlines.Eventually;
        string seen;
        do
        {
            using var get = await Inventory.Http.GetAsync($"/api/inventory/reservations/{reservation}");
            seen = (await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(get, HttpStatusCode.OK)).Status;
            if (until is null && seen == status)
            {
                return;
            }

            Assert.That(until is null || seen == status, Is.True, $"reservation {reservation} became {seen}");
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.That(seen, Is.EqualTo(status));
    }

    private async Task<(Guid Reservation, string Sku)> ReserveAsync(int quantity, int ttlSeconds = 900)
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 10);
        using var response = await Inventory.ReserveAsync(Guid.NewGuid().ToString(), InventoryClient.Reservation(Guid.CreateVersion7(), ttlSeconds, null, (sku, quantity)));
        return ((await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(response, HttpStatusCode.Created)).Id, sku);
    }
}
