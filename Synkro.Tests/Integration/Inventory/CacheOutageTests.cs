using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Synkro.Tests.Hosting;
using Synkro.Tests.Lifecycle;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>Redis going away costs the cache, not the answers.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class CacheOutageTests : InventoryScenario
{
    [Test]
    public async Task With_Redis_stopped_reads_and_writes_still_answer_from_the_database()
    {
        var sku = await Inventory.CreateItemAsync();
        var app = SystemFixture.App;
        using (var redis = await RespClient.ConnectAsync(app.GetConnectionString(ResourceNames.Cache)))
        {
            // A replica reads past the cache until it trusts it (CacheTrust: after any lost connection,
            // its start included, it first clears what it may have missed); read until the answer is cached.
            var trusted = Deadlines.In(Deadlines.Eventually);
            string? cached;
            while (true)
            {
                using (await Inventory.Replica(0).GetAsync($"/api/inventory/items/{sku}"))
                {
                }

                cached = await redis.SendAsync("EXISTS", $"inventory:item:{sku}");
                if (cached == "1" || trusted.Passed)
                {
                    break;
                }

                await Task.Delay(200);
            }

            Assert.That(cached, Is.EqualTo("1"), "the read was cached");
            await redis.SendAsync("SAVE"); // the snapshot a restart loads holds the entry, as it would after any graceful stop
        }

        var viewer = (await SystemFixture.Accounts.ForRoleAsync(Synkro.Security.Roles.Viewer)).AccessToken;
        var copies = await CacheRestarts.StopAsync(app);
        try
        {
            var watch = Stopwatch.StartNew();
            using var update = await Inventory.Replica(1).PutAsJsonAsync($"/api/inventory/items/{sku}", new { name = "Renamed while Redis is down", category = "furniture", price = 12m, currency = "EUR" });
            await InventoryClient.ReadAsync<JsonElement>(update, HttpStatusCode.OK);
            using var read = await Inventory.Replica(0).GetAsync($"/api/inventory/items/{sku}");
            var item = await InventoryClient.ReadAsync<JsonElement>(read, HttpStatusCode.OK);

            Assert.That(item.GetProperty("name").GetString(), Is.EqualTo("Renamed while Redis is down"));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "a missing cache must not hold requests for long");

            // The gateway too: its rate limits and denylist live in Redis, and must not take it down.
            using var viaGateway = await Security.Edge.GetAsync($"/api/inventory/items/{sku}", viewer);
            Assert.That(viaGateway.StatusCode, Is.EqualTo(HttpStatusCode.OK), await viaGateway.Content.ReadAsStringAsync());
        }
        finally
        {
            await CacheRestarts.StartAsync(app, copies);
        }

        // Redis keeps its data across a restart (the SAVE above puts the old entry in the snapshot it
        // loads), and the removal made during the outage never reached it. Every read, from either
        // replica, must answer the change, until a replica has put the new item in the cache itself.
        const string renamed = "Renamed while Redis is down";
        using var cache = await RespClient.ConnectAsync(app.GetConnectionString(ResourceNames.Cache));
        var deadline = Deadlines.In(Deadlines.Eventually);
        while (true)
        {
            for (var replica = 0; replica < 2; replica++)
            {
                using var after = await Inventory.Replica(replica).GetAsync($"/api/inventory/items/{sku}");
                Assert.That((await InventoryClient.ReadAsync<JsonElement>(after, HttpStatusCode.OK)).GetProperty("name").GetString(), Is.EqualTo(renamed), $"replica {replica} after the outage");
            }

            if ((await cache.SendAsync("HGET", $"inventory:item:{sku}", "data"))?.Contains(renamed, StringComparison.Ordinal) == true)
            {
                break;
            }

            Assert.That(deadline.Passed, Is.False, $"no replica reads through the cache again {deadline} after Redis returned");
            await Task.Delay(200);
        }
    }
}
