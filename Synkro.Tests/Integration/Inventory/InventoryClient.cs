using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>
/// The inventory API as a member of staff sees it: requests alternate between the two replicas
/// (as the gateway's balancing would), and carry a real access token of an account with the role.
/// </summary>
internal sealed class InventoryClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient[] replicas;
    private int next;

    /// <param name="role">The account's role; empty for no token at all.</param>
    public InventoryClient(string role = "admin")
    {
        var token = role.Length > 0 ? SystemFixture.Accounts.ForRoleAsync(role).GetAwaiter().GetResult() : null;
        UserName = token?.UserName;
        replicas = [.. SystemFixture.App.CreateInstanceClients(ResourceNames.Inventory).Select(client =>
        {
            if (token is not null)
            {
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
            }

            return client;
        })];
    }

    /// <summary>The account's name, which the ledger records as the actor.</summary>
    public string? UserName { get; }

    public int ReplicaCount => replicas.Length;

    /// <summary>The next replica, round robin.</summary>
    public HttpClient Http => replicas[(int)((uint)Interlocked.Increment(ref next) % (uint)replicas.Length)];

    public HttpClient Replica(int index) => replicas[index];

    public async Task<Guid> CreateWarehouseAsync(string? code = null, int priority = 100)
    {
        using var response = await Http.PostAsJsonAsync("/api/inventory/warehouses", new { code = code ?? Unique.WarehouseCode(), name = "Test warehouse", country = "DE", priority });
        return (await ReadAsync<JsonElement>(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public async Task<string> CreateItemAsync(string? sku = null, int? lowStockThreshold = null, int? overstockThreshold = null, string category = "test")
    {
        sku ??= Unique.Sku();
        using var response = await Http.PostAsJsonAsync("/api/inventory/items", new { sku, name = $"Item {sku}", category, lowStockThreshold, overstockThreshold, price = 9.99m, currency = "EUR" });
        await ReadAsync<JsonElement>(response, HttpStatusCode.Created);
        return sku;
    }

    public async Task<JsonElement> AdjustAsync(string sku, Guid warehouseId, int quantity, string reasonCode = "receipt")
    {
        using var response = await Http.PostAsJsonAsync("/api/inventory/adjustments", new { sku, warehouseId, quantity, reasonCode });
        return await ReadAsync<JsonElement>(response, HttpStatusCode.Created);
    }

    public Task<HttpResponseMessage> ReserveAsync(string key, object body, HttpClient? via = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/inventory/reservations") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return (via ?? Http).SendAsync(request);
    }

    public static object Reservation(params (string Sku, int Quantity)[] lines) => Reservation(Guid.CreateVersion7(), 900, null, lines);

    public static object Reservation(Guid orderId, int ttlSeconds, Guid? warehouseId, params (string Sku, int Quantity)[] lines) =>
        new { orderId, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }), ttlSeconds, warehouseId };

    public async Task<List<Level>> LevelsAsync(string sku)
    {
        using var response = await Http.GetAsync($"/api/inventory/items/{sku}/levels");
        return await ReadAsync<List<Level>>(response, HttpStatusCode.OK);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public void Dispose()
    {
        foreach (var replica in replicas)
        {
            replica.Dispose();
        }
    }

    public sealed record Level(Guid WarehouseId, string WarehouseCode, int OnHand, int Reserved, int Available, int Incoming);

    public sealed record ReservationBody(Guid Id, Guid OrderId, string Status, DateTimeOffset ExpiresAt, List<Allocation> Allocations);

    public sealed record Allocation(string Sku, Guid WarehouseId, int Quantity);
}

internal static class Unique
{
    public static string Sku(string prefix = "T") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 21, 64)];

    public static string WarehouseCode() => $"W-{Guid.NewGuid():N}"[..14];
}
