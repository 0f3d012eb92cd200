using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Synkro.Inventory.Data;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration.Hosting;

/// <summary>
/// eShop's pattern: a service hosted in-process by WebApplicationFactory (debuggable, fast to
/// iterate) against the real PostgreSQL, RabbitMQ and Redis the test host started.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Hosting")]
public sealed class InProcessServiceTests
{
    [Test]
    public async Task Inventory_hosted_in_process_reaches_the_real_servers()
    {
        var app = SystemFixture.App;
        await using var factory = new WebApplicationFactory<InventoryDbContext>().WithWebHostBuilder(web =>
        {
            foreach (var name in (string[])[ResourceNames.InventoryDb, ResourceNames.Messaging, ResourceNames.Cache])
            {
                web.UseSetting($"ConnectionStrings:{name}", app.GetConnectionString(name));
            }
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.IsSuccessStatusCode, Is.True, body);
        using var json = JsonDocument.Parse(body);
        var entries = json.RootElement.GetProperty("entries");
        foreach (var name in (string[])[nameof(InventoryDbContext), ResourceNames.Messaging, "StackExchange.Redis"])
        {
            Assert.That(entries.GetProperty(name).GetProperty("status").GetString(), Is.EqualTo("Healthy"), body);
        }
    }
}
