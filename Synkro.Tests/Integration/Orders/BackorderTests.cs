using System.Net;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;
using static Synkro.Tests.Integration.Orders.OrdersClient;

namespace Synkro.Tests.Integration.Orders;

/// <summary>
/// Too little stock backorders an order; stock coming in confirms it without anyone asking; one that
/// waits past the backorder timeout (short in the test host) is cancelled and refunded; and many
/// orders racing for the last units never oversell.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Orders")]
public sealed class BackorderTests : InventoryScenario
{
    [Test]
    public async Task A_backordered_order_is_confirmed_when_stock_is_received()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var (sku, warehouse) = await StockedItemAsync(Inventory, onHand: 1);

        var id = await PlacedAsync(clerk, customer, (sku, 3));
        var waiting = await WaitForAsync(clerk, id, "BackOrdered", "Confirmed");
        Assert.That(waiting.GetProperty("status").GetString(), Is.EqualTo("BackOrdered"));
        Assert.That(waiting.GetProperty("backorderDeadline").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Reserved, Is.Zero, "all or nothing: no partial hold");

        await Inventory.AdjustAsync(sku, warehouse, 5);
        var confirmed = await WaitForAsync(clerk, id, "Confirmed");
        Assert.That(confirmed.GetProperty("reservationId").ValueKind, Is.EqualTo(JsonValueKind.String));
        var history = await HistoryAsync(clerk, id);
        Assert.That(history.Take(4), Is.EqualTo(new[] { "Created", "Processing", "ReservingStock", "BackOrdered" }));
        Assert.That(history.TakeLast(2), Is.EqualTo(new[] { "ReservingStock", "Confirmed" }));
        // The first unit's own StockReceived may arrive after the backorder and wake a retry that finds too little.
        Assert.That(history.Skip(4).SkipLast(2), Is.All.AnyOf("ReservingStock", "BackOrdered"), string.Join(", ", history));
        var level = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((level.OnHand, level.Reserved), Is.EqualTo((6, 3)));
    }

    [Test]
    public async Task A_backorder_that_waits_too_long_is_cancelled_and_refunded()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 0);

        var id = await PlacedAsync(clerk, customer, (sku, 1));
        await WaitForAsync(clerk, id, "BackOrdered");
        var cancelled = await WaitForAsync(clerk, id, "Cancelled");
        Assert.That(cancelled.GetProperty("payment").GetProperty("status").GetString(), Is.EqualTo("Refunded"));
        Assert.That(await HistoryAsync(clerk, id), Is.EqualTo(new[] { "Created", "Processing", "ReservingStock", "BackOrdered", "Cancelled" }));
    }

    [Test]
    public async Task A_customer_cancels_their_backordered_order()
    {
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 0);
        var customer = (await SystemFixture.Accounts.CreateAsync(Roles.Customer)).AccessToken;
        var id = await PlacedAsync(customer, null, (sku, 2));
        await WaitForAsync(customer, id, "BackOrdered");

        var cancelled = await ActAsync(customer, id, "cancel");
        Assert.That(cancelled.GetProperty("status").GetString(), Is.EqualTo("Cancelled"));
        using var ship = await Edge.SendAsync(HttpMethod.Post, $"/api/orders/{id}/ship", customer, new { });
        Assert.That(ship.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "customers do not ship");
    }

    [Test]
    public async Task Fifty_orders_for_the_last_ten_units_confirm_exactly_ten()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 10);

        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PlacedAsync(clerk, customer, (sku, 1))));
        var deadline = Deadlines.In(Deadlines.Recovery);
        List<string> statuses;
        while (true)
        {
            using var page = await Edge.GetAsync($"/api/orders?customerId={customer}&limit=200", clerk);
            statuses = [.. (await InventoryClient.ReadAsync<JsonElement>(page, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
                .Where(o => ids.Contains(o.GetProperty("id").GetGuid())).Select(o => o.GetProperty("status").GetString()!)];
            if (statuses.Count == 50 && statuses.All(s => s is "Confirmed" or "BackOrdered"))
            {
                break;
            }

            Assert.That(deadline.Passed, Is.False, $"not settled after {deadline}: {string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key} {g.Count()}"))}");
            await Task.Delay(500);
        }

        Assert.That((statuses.Count(s => s == "Confirmed"), statuses.Count(s => s == "BackOrdered")), Is.EqualTo((10, 40)));
        var level = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((level.OnHand, level.Reserved, level.Available), Is.EqualTo((10, 10, 0)));
    }
}
