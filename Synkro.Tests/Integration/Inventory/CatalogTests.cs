using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>Items and warehouses: create, read, change, list, search, archive.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class CatalogTests : InventoryScenario
{
    [Test]
    public async Task An_item_is_created_read_updated_and_its_cached_details_follow_the_update()
    {
        var sku = Unique.Sku();
        using var create = await Inventory.Http.PostAsJsonAsync("/api/inventory/items", new
        {
            sku, name = "Oak desk", description = "Solid oak", category = "furniture", attributes = new { colour = "oak", widthCm = 140 },
            price = 349.90m, currency = "EUR", lowStockThreshold = 2, overstockThreshold = 50,
        });
        var created = await InventoryClient.ReadAsync<JsonElement>(create, HttpStatusCode.Created);
        Assert.That(create.Headers.Location?.ToString(), Is.EqualTo($"/api/inventory/items/{sku}"));
        Assert.That(created.GetProperty("attributes").GetProperty("widthCm").GetInt32(), Is.EqualTo(140));

        using var read = await Inventory.Replica(0).GetAsync($"/api/inventory/items/{sku}"); // now cached
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(read, HttpStatusCode.OK)).GetProperty("name").GetString(), Is.EqualTo("Oak desk"));
        using var update = await Inventory.Replica(1).PutAsJsonAsync($"/api/inventory/items/{sku}", new { name = "Oak desk XL", category = "furniture", price = 399m, currency = "EUR" });
        await InventoryClient.ReadAsync<JsonElement>(update, HttpStatusCode.OK);
        using var reread = await Inventory.Replica(0).GetAsync($"/api/inventory/items/{sku}");
        var after = await InventoryClient.ReadAsync<JsonElement>(reread, HttpStatusCode.OK);
        Assert.That((after.GetProperty("name").GetString(), after.GetProperty("price").GetDecimal()), Is.EqualTo(("Oak desk XL", 399m)));
    }

    [Test]
    public async Task Creating_a_duplicate_sku_is_409_and_bad_items_are_400()
    {
        var sku = await Inventory.CreateItemAsync();
        using var duplicate = await Inventory.Http.PostAsJsonAsync("/api/inventory/items", new { sku, name = "Again" });
        using var bad = await Inventory.Http.PostAsJsonAsync("/api/inventory/items", new { sku = "has space", name = "", price = 1m, lowStockThreshold = 5, overstockThreshold = 5 });
        using var missing = await Inventory.Http.GetAsync("/api/inventory/items/NO-SUCH-SKU");

        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var errors = (await InventoryClient.ReadAsync<JsonElement>(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.SupersetOf(new[] { "sku", "name" }));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Deleting_an_item_destroys_it_without_history_and_archives_it_with_history()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var (fresh, stocked) = (await Inventory.CreateItemAsync(), await Inventory.CreateItemAsync());
        await Inventory.AdjustAsync(stocked, warehouse, 5);

        using var destroyed = await Inventory.Http.DeleteAsync($"/api/inventory/items/{fresh}");
        using var archived = await Inventory.Http.DeleteAsync($"/api/inventory/items/{stocked}");
        using var gone = await Inventory.Http.GetAsync($"/api/inventory/items/{fresh}");
        using var reserveArchived = await Inventory.ReserveAsync(Guid.NewGuid().ToString(), InventoryClient.Reservation((stocked, 1)));

        Assert.That(destroyed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(archived, HttpStatusCode.OK)).GetProperty("archivedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(reserveArchived.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "an archived item cannot be reserved");
        Assert.That((await Inventory.LevelsAsync(stocked)).Single().OnHand, Is.EqualTo(5), "its stock and history stay");
    }

    [Test]
    public async Task Listing_pages_by_sku_filters_by_category_and_searches_sku_and_name()
    {
        var prefix = $"LST-{Guid.NewGuid():N}"[..14];
        var category = $"cat-{prefix}";
        for (var i = 0; i < 5; i++)
        {
            using var response = await Inventory.Http.PostAsJsonAsync("/api/inventory/items", new { sku = $"{prefix}-{i}", name = i == 3 ? "Blue Widget" : "Gadget", category });
            await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.Created);
        }

        using var first = await Inventory.Http.GetAsync($"/api/inventory/items?category={category}&limit=2");
        var page1 = await InventoryClient.ReadAsync<JsonElement>(first, HttpStatusCode.OK);
        using var second = await Inventory.Http.GetAsync($"/api/inventory/items?category={category}&limit=2&after={page1.GetProperty("nextAfter").GetString()}");
        var page2 = await InventoryClient.ReadAsync<JsonElement>(second, HttpStatusCode.OK);
        using var search = await Inventory.Http.GetAsync($"/api/inventory/items?q=blue%20widg");
        using var bySku = await Inventory.Http.GetAsync($"/api/inventory/items?q={prefix.ToLowerInvariant()}-4");
        using var tooMany = await Inventory.Http.GetAsync("/api/inventory/items?limit=5000");

        static IEnumerable<string?> Skus(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString());
        Assert.That(Skus(page1), Is.EqualTo(new[] { $"{prefix}-0", $"{prefix}-1" }));
        Assert.That(Skus(page2), Is.EqualTo(new[] { $"{prefix}-2", $"{prefix}-3" }));
        Assert.That(Skus(await InventoryClient.ReadAsync<JsonElement>(search, HttpStatusCode.OK)), Does.Contain($"{prefix}-3"));
        Assert.That(Skus(await InventoryClient.ReadAsync<JsonElement>(bySku, HttpStatusCode.OK)), Is.EqualTo(new[] { $"{prefix}-4" }));
        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_warehouse_is_created_with_its_address_and_an_inactive_one_serves_no_reservation()
    {
        var code = Unique.WarehouseCode();
        using var create = await Inventory.Http.PostAsJsonAsync("/api/inventory/warehouses", new
        {
            code, name = "Hamburg Port", addressLine1 = "Am Sandtorkai 1", city = "Hamburg", state = "HH", postalCode = "20457", country = "DE",
            contactName = "Ines", contactPhone = "+49 40 123", contactEmail = "ines@example.com", priority = 5,
        });
        var created = await InventoryClient.ReadAsync<JsonElement>(create, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, id, 5);

        using var deactivate = await Inventory.Http.PutAsJsonAsync($"/api/inventory/warehouses/{id}", new { name = "Hamburg Port", isActive = false });
        await InventoryClient.ReadAsync<JsonElement>(deactivate, HttpStatusCode.OK);
        using var reserve = await Inventory.ReserveAsync(Guid.NewGuid().ToString(), InventoryClient.Reservation((sku, 1)));
        using var duplicate = await Inventory.Http.PostAsJsonAsync("/api/inventory/warehouses", new { code, name = "Again" });
        using var badEmail = await Inventory.Http.PostAsJsonAsync("/api/inventory/warehouses", new { code = Unique.WarehouseCode(), name = "X", contactEmail = "not-an-email", country = "Germany" });

        Assert.That(created.GetProperty("postalCode").GetString(), Is.EqualTo("20457"));
        Assert.That(reserve.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var errors = (await InventoryClient.ReadAsync<JsonElement>(badEmail, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "contactEmail", "country" }));
    }

    [Test]
    public async Task Roles_decide_who_may_do_what_and_anonymous_callers_get_401()
    {
        var sku = await Inventory.CreateItemAsync();
        using var viewer = new InventoryClient(role: "viewer");
        using var clerk = new InventoryClient(role: "clerk");
        using var anonymous = new InventoryClient(role: "");

        Assert.That((await viewer.Http.GetAsync($"/api/inventory/items/{sku}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await viewer.ReserveAsync("v-" + sku, InventoryClient.Reservation((sku, 1)))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await clerk.Http.PostAsJsonAsync("/api/inventory/items", new { sku = Unique.Sku(), name = "x" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await clerk.ReserveAsync("c-" + sku, InventoryClient.Reservation((sku, 1)))).StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "clerks reserve (no stock here)");
        Assert.That((await anonymous.Http.GetAsync($"/api/inventory/items/{sku}")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
