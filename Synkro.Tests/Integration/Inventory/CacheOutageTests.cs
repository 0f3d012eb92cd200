using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Synkro.Tests.Lifecycle;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>Redis going away costs the cache, not the answers.</summary>
[TestFixture]
[Category("Inventory")]
public sealed class CacheOutageTests : InventoryScenario
{
    [Test]
    public async Task With_Redis_stopped_reads_and_writes_still_answer_from_the_database()
    {
        var sku = await Inventory.CreateItemAsync();
        using (await Inventory.Replica(0).GetAsync($"/api/inventory/items/{sku}"))
        {
            // now cached
        }

        var app = SystemFixture.App;
        using (var redis = await RespClient.ConnectAsync(app.GetConnectionString(ResourceNames.Cache)))
        {
            Assert.That(await redis.SendAsync("EXISTS", $"inventory:item:{sku}"), Is.EqualTo("1"), "the read was cached");
            await redis.SendAsync("SAVE"); // the snapshot a restart loads holds the entry, as it would after any graceful stop
        }

        await app.StopResourceAsync(ResourceNames.Cache);
        try
        {
            var watch = Stopwatch.StartNew();
            using var update = await Inventory.Replica(1).PutAsJsonAsync($"/api/inventory/items/{sku}", new { name = "Renamed while Redis is down", category = "furniture", price = 12m, currency = "EUR" });
            await InventoryClient.ReadAsync<JsonElement>(update, HttpStatusCode.OK);
            using var read = await Inventory.Replica(0).GetAsync($"/api/inventory/items/{sku}");
            var item = await InventoryClient.ReadAsync<JsonElement>(read, HttpStatusCode.OK);

            Assert.That(item.GetProperty("name").GetString(), Is.EqualTo("Renamed while Redis is down"));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "a missing cache must not hold requests for long");
        }
        finally
        {
            await app.StartResourceAsync(ResourceNames.Cache);
            await app.WaitForHealthyAsync(TimeSpan.FromMinutes(2));
        }

        // Redis keeps its data across a restart (the SAVE above puts the entry in the snapshot it loads):
        // a read after the outage must still answer the change made during it.
        using var after = await Inventory.Replica(0).GetAsync($"/api/inventory/items/{sku}");
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(after, HttpStatusCode.OK)).GetProperty("name").GetString(), Is.EqualTo("Renamed while Redis is down"));
    }
}
