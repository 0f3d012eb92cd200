using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Synkro.Tests.Messaging;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>Stock moving between warehouses, and the events that say a level crossed a threshold.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class TransferAndThresholdTests : InventoryScenario
{
    [Test]
    public async Task A_transfer_ships_into_incoming_is_received_with_its_variance_and_a_cancelled_one_returns()
    {
        await using var events = await TapAsync();
        var (from, to) = (await Inventory.CreateWarehouseAsync(), await Inventory.CreateWarehouseAsync());
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, from, 20);

        var shipped = await ShipAsync(sku, from, to, 8);
        var inTransit = await Inventory.LevelsAsync(sku);
        Assert.That(inTransit.Single(l => l.WarehouseId == from).OnHand, Is.EqualTo(12));
        Assert.That(inTransit.Single(l => l.WarehouseId == to).Incoming, Is.EqualTo(8));

        using var receive = await Inventory.Http.PostAsJsonAsync($"/api/inventory/transfers/{shipped}/receive", new { receivedQuantity = 7, note = "one crushed" });
        var received = await InventoryClient.ReadAsync<JsonElement>(receive, HttpStatusCode.OK);
        Assert.That((received.GetProperty("status").GetString(), received.GetProperty("variance").GetInt32()), Is.EqualTo(("Received", -1)));
        using var receiveAgain = await Inventory.Http.PostAsJsonAsync($"/api/inventory/transfers/{shipped}/receive", new { receivedQuantity = 7 });
        Assert.That(receiveAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK), "receiving is idempotent");

        var cancelled = await ShipAsync(sku, from, to, 5);
        using var cancel = await Inventory.Http.PostAsync($"/api/inventory/transfers/{cancelled}/cancel", null);
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(cancel, HttpStatusCode.OK)).GetProperty("status").GetString(), Is.EqualTo("Cancelled"));
        using var receiveCancelled = await Inventory.Http.PostAsJsonAsync($"/api/inventory/transfers/{cancelled}/receive", new { receivedQuantity = 5 });
        Assert.That(receiveCancelled.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));

        using var tooMuch = await Inventory.Http.PostAsJsonAsync("/api/inventory/transfers", new { sku, fromWarehouseId = from, toWarehouseId = to, quantity = 13 });
        Assert.That(tooMuch.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));

        var levels = await Inventory.LevelsAsync(sku);
        Assert.That(levels.Select(l => (l.WarehouseId, l.OnHand, l.Incoming)), Is.EquivalentTo(new[] { (from, 12, 0), (to, 7, 0) }));
        Assert.That(levels.Sum(l => l.OnHand), Is.EqualTo(20 - 1), "on hand conserved but for the variance");
        Assert.That(await events.CountAsync("TransferShipped", sku, 2), Is.EqualTo(2));
        Assert.That(await events.CountAsync("TransferReceived", sku, 1), Is.EqualTo(1));
    }

    [Test]
    public async Task Threshold_events_are_raised_once_per_crossing()
    {
        await using var events = await TapAsync();
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync(lowStockThreshold: 5, overstockThreshold: 100);

        await Inventory.AdjustAsync(sku, warehouse, 10);        // 10: fine
        await Inventory.AdjustAsync(sku, warehouse, -4, "damage"); // 6: fine
        using (await Inventory.ReserveAsync("t1-" + sku, InventoryClient.Reservation((sku, 2)))) // available 4: low (1st crossing)
        {
        }

        await Inventory.AdjustAsync(sku, warehouse, -1, "shrinkage"); // 3: still low, no event
        await Inventory.AdjustAsync(sku, warehouse, 10);              // 13: recovered
        await Inventory.AdjustAsync(sku, warehouse, -9, "write_off"); // available 2: low again (2nd crossing)
        await Inventory.AdjustAsync(sku, warehouse, 120);             // on hand 133: overstock
        await Inventory.AdjustAsync(sku, warehouse, 1);               // still over, no event

        Assert.That(await events.CountAsync("LowStockDetected", sku, 2), Is.EqualTo(2));
        Assert.That(await events.CountAsync("OverstockDetected", sku, 1), Is.EqualTo(1));
        Assert.That(await events.CountAsync("StockReceived", sku, 4), Is.EqualTo(4));
        Assert.That(await events.CountAsync("StockAdjusted", sku, 3), Is.EqualTo(3));
    }

    [Test]
    public async Task Adjustments_need_a_known_reason_and_cannot_take_reserved_stock()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 5);
        using (await Inventory.ReserveAsync("adj-" + sku, InventoryClient.Reservation((sku, 4))))
        {
        }

        using var noReason = await Inventory.Http.PostAsJsonAsync("/api/inventory/adjustments", new { sku, warehouseId = warehouse, quantity = -1, reasonCode = "because" });
        using var negativeReceipt = await Inventory.Http.PostAsJsonAsync("/api/inventory/adjustments", new { sku, warehouseId = warehouse, quantity = -1, reasonCode = "receipt" });
        using var intoReserved = await Inventory.Http.PostAsJsonAsync("/api/inventory/adjustments", new { sku, warehouseId = warehouse, quantity = -2, reasonCode = "damage" });
        var movement = await Inventory.AdjustAsync(sku, warehouse, -1, "damage");

        Assert.That((await InventoryClient.ReadAsync<JsonElement>(noReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reasonCode", out _), Is.True);
        Assert.That(negativeReceipt.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(intoReserved.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(movement.GetProperty("actor").GetString(), Is.EqualTo(Inventory.UserName));
        Assert.That(movement.GetProperty("level").GetProperty("available").GetInt32(), Is.Zero);
    }

    private async Task<Guid> ShipAsync(string sku, Guid from, Guid to, int quantity)
    {
        using var response = await Inventory.Http.PostAsJsonAsync("/api/inventory/transfers", new { sku, fromWarehouseId = from, toWarehouseId = to, quantity });
        return (await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>Events as a consumer of inventory sees them, once the outbox has sent them.</summary>
    private static Task<EventTap> TapAsync() => EventTap.StartAsync(SystemFixture.App.GetConnectionString(ResourceNames.Messaging));
}
