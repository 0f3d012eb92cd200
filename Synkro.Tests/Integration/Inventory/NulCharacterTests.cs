using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>
/// PostgreSQL's text cannot hold U+0000: a NUL byte that reaches it fails the statement (22021), so it
/// is refused at the edge as a 400 naming the field, in a query, a route value or a JSON body.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class NulCharacterTests : InventoryScenario
{
    [Test]
    public async Task A_NUL_in_a_search_is_a_400_naming_the_parameter()
    {
        using var response = await Inventory.Http.GetAsync("/api/inventory/items?q=%00abc");

        var problem = await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("q", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task A_NUL_in_a_route_value_is_a_400()
    {
        using var response = await Inventory.Http.GetAsync("/api/inventory/items/A%00B");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_NUL_in_a_JSON_string_is_a_400_naming_the_field()
    {
        using var response = await Inventory.Http.PostAsJsonAsync("/api/inventory/items", new { sku = Unique.Sku(), name = "Oak\u0000desk" });

        var problem = await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("name")[0].GetString(), Does.Contain("NUL"), problem.ToString());
    }
}
