using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;

namespace Synkro.Tests.Integration.Orders;

/// <summary>Orders through the gateway, as the staff UI or a customer's app sends them: a bearer token per call.</summary>
internal static class OrdersClient
{
    public const string Approves = "4242 4242 4242 4242";
    public const string Declines = "4000 0000 0000 0002";

    public static readonly object Address = new { recipient = "Ada Lovelace", line1 = "1 Analytical Way", postalCode = "10115", city = "Berlin", country = "DE" };

    public static async Task<string> TokenAsync(string role) => (await SystemFixture.Accounts.ForRoleAsync(role)).AccessToken;

    public static async Task<Guid> CreateCustomerAsync(string staffToken)
    {
        using var created = await Edge.SendAsync(HttpMethod.Post, "/api/customers", staffToken, new { name = "Grace Hopper", email = $"{Guid.NewGuid():N}@synkro.test", phone = "+49 30 1234567" });
        return (await InventoryClient.ReadAsync<JsonElement>(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> PlaceAsync(string token, Guid? customerId, (string Sku, int Quantity)[] lines, string card = Approves, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }), payment = new { cardNumber = card }, shipping = Address }),
        };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return Edge.Shared.SendAsync(request);
    }

    public static async Task<Guid> PlacedAsync(string token, Guid? customerId, params (string Sku, int Quantity)[] lines)
    {
        using var placed = await PlaceAsync(token, customerId, lines);
        return (await InventoryClient.ReadAsync<JsonElement>(placed, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> GetAsync(string token, Guid id)
    {
        using var response = await Edge.GetAsync($"/api/orders/{id}", token);
        return await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.OK);
    }

    /// <summary>Polls until the order reaches one of <paramref name="statuses"/>; the order as it was then.</summary>
    public static async Task<JsonElement> WaitForAsync(string token, Guid id, params string[] statuses)
    {
        var deadline = Deadlines.In(Deadlines.Eventually);
        while (true)
        {
            var order = await GetAsync(token, id);
            var status = order.GetProperty("status").GetString();
            if (statuses.Contains(status))
            {
                return order;
            }

            Assert.That(deadline.Passed, Is.False, $"order {id} is {status}, not {string.Join(" or ", statuses)}, after {deadline}");
            await Task.Delay(200);
        }
    }

    public static async Task<JsonElement> ActAsync(string token, Guid id, string action, HttpStatusCode expected = HttpStatusCode.OK, object? body = null)
    {
        using var response = await Edge.SendAsync(HttpMethod.Post, $"/api/orders/{id}/{action}", token, body ?? new { });
        return await InventoryClient.ReadAsync<JsonElement>(response, expected);
    }

    public static async Task<List<string>> HistoryAsync(string token, Guid id)
    {
        using var response = await Edge.GetAsync($"/api/orders/{id}/history", token);
        var history = await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.OK);
        return [.. history.EnumerateArray().Select(h => h.GetProperty("to").GetString()!)];
    }

    /// <summary>A priced item with <paramref name="onHand"/> units in a new warehouse of its own.</summary>
    public static async Task<(string Sku, Guid Warehouse)> StockedItemAsync(InventoryClient inventory, int onHand)
    {
        var sku = await inventory.CreateItemAsync(category: "orders");
        var warehouse = await inventory.CreateWarehouseAsync();
        if (onHand > 0)
        {
            await inventory.AdjustAsync(sku, warehouse, onHand);
        }

        return (sku, warehouse);
    }
}
