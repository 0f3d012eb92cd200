using System.Net;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Hosting;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;
using static Synkro.Tests.Integration.Orders.OrdersClient;

namespace Synkro.Tests.Integration.Orders;

/// <summary>
/// Logistics SIGKILLed in the middle of a batch of orders (some of them waiting on a slow payment):
/// after the restart every order reaches a final or waiting state, none is left in Processing or
/// ReservingStock, and Inventory holds exactly the stock of the confirmed ones: nothing leaked.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Orders")]
public sealed class OrderCrashTests : InventoryScenario
{
    private const string SlowCard = "4000 0000 0000 0077";

    [Test]
    public async Task Killing_logistics_mid_batch_leaves_every_order_consistent_with_inventory()
    {
        var app = SystemFixture.App;
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 12);
        var victim = app.Instances(ResourceNames.Logistics).Single();

        var placed = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await PlaceAsync(clerk, customer, [(sku, 1)], card: i % 2 == 0 ? SlowCard : Approves);
            return (await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }));
        using (var before = await Edge.GetAsync($"/api/orders?customerId={customer}&limit=50", clerk))
        {
            var unfinished = (await InventoryClient.ReadAsync<JsonElement>(before, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
                .Count(o => o.GetProperty("status").GetString() is "Created" or "Processing" or "ReservingStock");
            Assert.That(unfinished, Is.Positive, "the kill must come in the middle of the batch");
        }

        ProcessTable.KillTree(victim.Pid!.Value);
        await app.StartInstanceAsync(victim.Id, victim.Pid!.Value);

        var statuses = new Dictionary<Guid, string>();
        foreach (var id in placed)
        {
            statuses[id] = (await WaitForAsync(clerk, id, "Confirmed", "BackOrdered", "Cancelled")).GetProperty("status").GetString()!;
        }

        var confirmed = statuses.Values.Count(s => s == "Confirmed");
        Assert.That(statuses.Values, Has.None.EqualTo("Cancelled"), "every card approves; nothing should have been given up");
        Assert.That((confirmed, statuses.Values.Count(s => s == "BackOrdered")), Is.EqualTo((12, 8)), "12 units for 20 orders of one");
        var level = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((level.OnHand, level.Reserved), Is.EqualTo((12, confirmed)), "Inventory holds the confirmed orders' stock, no more");
        foreach (var id in placed.Where(id => statuses[id] == "Confirmed"))
        {
            var order = await GetAsync(clerk, id);
            Assert.That(order.GetProperty("payment").GetProperty("status").GetString(), Is.EqualTo("Captured"), $"order {id}");
        }
    }
}
