using System.Net;
using System.Text.Json;
using Synkro.Tests.Integration.Inventory;

namespace Synkro.Tests.Integration.Orders;

/// <summary>Logistics' OpenAPI document: every operation that takes a JSON body shows an example of it.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Orders")]
public sealed class OrderOpenApiTests
{
    [Test]
    public async Task Every_request_body_has_an_example_in_the_openapi_document()
    {
        using var logistics = SystemFixture.App.CreateHttpClient(ResourceNames.Logistics);
        using var response = await logistics.GetAsync("/openapi/v1.json");
        var paths = (await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.OK)).GetProperty("paths");

        var bodies = (from path in paths.EnumerateObject()
                      from operation in path.Value.EnumerateObject()
                      where operation.Value.TryGetProperty("requestBody", out _)
                      let json = operation.Value.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
                      select (Name: $"{operation.Name.ToUpperInvariant()} {path.Name}", Example: json.TryGetProperty("example", out var example) ? example : (JsonElement?)null)).ToList();

        Assert.That(bodies.Select(b => b.Name), Is.SupersetOf(new[] { "POST /api/orders", "PUT /api/orders/{id}/status", "POST /api/customers" }));
        Assert.That(bodies.Where(b => b.Example is null).Select(b => b.Name), Is.Empty, "operations whose body has no example");
        var order = bodies.Single(b => b.Name == "POST /api/orders").Example!.Value;
        Assert.That(order.GetProperty("payment").GetProperty("cardNumber").GetString(), Is.EqualTo("4242424242424242"), "the sandbox card that approves");
        Assert.That(bodies.Single(b => b.Name == "PUT /api/orders/{id}/status").Example!.Value.GetProperty("status").GetString(), Is.EqualTo("Shipped"), "enums as the API writes them");
    }
}
