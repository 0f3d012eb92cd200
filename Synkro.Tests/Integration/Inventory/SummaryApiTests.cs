using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>The dashboard's figures, the stream that says when they change (across replicas), and an item's transfers.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class SummaryApiTests : InventoryScenario
{
    [Test]
    public async Task The_summary_counts_what_moved_and_what_is_below_its_threshold()
    {
        var before = await SummaryAsync();
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync(lowStockThreshold: 10);
        await Inventory.AdjustAsync(sku, warehouse, 5);

        var after = await SummaryAsync();
        Assert.That(after.GetProperty("unitsOnHand").GetInt64() - before.GetProperty("unitsOnHand").GetInt64(), Is.EqualTo(5));
        Assert.That(after.GetProperty("items").GetInt64() - before.GetProperty("items").GetInt64(), Is.EqualTo(1));
        Assert.That(after.GetProperty("belowLowStock").GetInt64() - before.GetProperty("belowLowStock").GetInt64(), Is.EqualTo(1), "5 available against a threshold of 10");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_change_made_through_one_replica_is_announced_on_the_other_replicas_stream(bool throughGateway)
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        using var timeout = Deadlines.Within(Deadlines.Eventually);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/inventory/updates");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await SystemFixture.Accounts.ForRoleAsync(Synkro.Security.Roles.Viewer)).AccessToken);
        using var response = await (throughGateway ? Security.Edge.Shared : Inventory.Replica(0)).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(body).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.That(await events.MoveNextAsync() && events.Current.EventType == "ping", Is.True, "the stream opens with a ping");

        using (var adjusted = await Inventory.Replica(1).PostAsJsonAsync("/api/inventory/adjustments", new { sku, warehouseId = warehouse, quantity = 3, reasonCode = "receipt" }, timeout.Token))
        {
            Assert.That(adjusted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        while (await events.MoveNextAsync())
        {
            if (events.Current.EventType == "stock" && events.Current.Data.Split(',').Contains(sku))
            {
                return;
            }
        }

        Assert.Fail("The stream ended without announcing the change.");
    }

    [Test]
    public async Task An_items_transfers_are_listed_newest_first_and_the_sku_is_required()
    {
        var (from, to) = (await Inventory.CreateWarehouseAsync(), await Inventory.CreateWarehouseAsync());
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, from, 5);
        foreach (var quantity in new[] { 1, 2 })
        {
            using var shipped = await Inventory.Http.PostAsJsonAsync("/api/inventory/transfers", new { sku, fromWarehouseId = from, toWarehouseId = to, quantity });
            Assert.That(shipped.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var list = await Inventory.Http.GetAsync($"/api/inventory/transfers?sku={sku}&status=InTransit");
        var transfers = (await InventoryClient.ReadAsync<JsonElement>(list, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.That(transfers.Select(t => t.GetProperty("quantity").GetInt32()), Is.EqualTo(new[] { 2, 1 }));
        using var noSku = await Inventory.Http.GetAsync("/api/inventory/transfers");
        Assert.That(noSku.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private async Task<JsonElement> SummaryAsync()
    {
        using var response = await Inventory.Http.GetAsync("/api/inventory/summary");
        return await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.OK);
    }
}
