using System.Net;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;

namespace Synkro.Tests.Integration.Security;

/// <summary>
/// Each role, with a real account and token, through the real gateway: exactly its operations
/// succeed, the rest get 403, and no token gets 401. Forecasting has no API of its own yet, so for it
/// the matrix checks the edge: roles let through reach the service (its 404), the others are stopped
/// at the gateway.
/// </summary>
[CancelAfter(Deadlines.Test)]
[Category("Security")]
public sealed class RoleMatrixTests
{
    private const string Anonymous = "anonymous";
    private static readonly string[] Staff = [Roles.Admin, Roles.Manager, Roles.Clerk, Roles.Viewer];
    private static readonly string[] CatalogManagers = [Roles.Admin, Roles.Manager];
    private static readonly string[] StockHandlers = [Roles.Admin, Roles.Manager, Roles.Clerk];

    private string sku = "";
    private Guid warehouseId;

    private sealed record Operation(string Name, string[] Allowed, HttpStatusCode Success, Func<RoleMatrixTests, HttpRequestMessage> Request);

    private static readonly Operation[] Operations =
    [
        new("list items", Staff, HttpStatusCode.OK, _ => Get("/api/inventory/items?limit=1")),
        new("read an item's levels", Staff, HttpStatusCode.OK, t => Get($"/api/inventory/items/{t.sku}/levels")),
        new("create an item", CatalogManagers, HttpStatusCode.Created, _ => Post("/api/inventory/items", new { sku = Unique.Sku("RM"), name = "Matrix item", category = "test", price = 1m, currency = "EUR" })),
        new("create a warehouse", CatalogManagers, HttpStatusCode.Created, _ => Post("/api/inventory/warehouses", new { code = Unique.WarehouseCode(), name = "Matrix", country = "DE", priority = 100 })),
        new("adjust stock", StockHandlers, HttpStatusCode.Created, t => Post("/api/inventory/adjustments", new { t.sku, t.warehouseId, quantity = 1, reasonCode = "receipt" })),
        new("reserve stock", StockHandlers, HttpStatusCode.Created, t => Reserve(t.sku)),
        new("list users", [Roles.Admin], HttpStatusCode.OK, _ => Get("/api/users")),
        new("create a user", [Roles.Admin], HttpStatusCode.Created, _ => Post("/api/users", new { username = $"rm-{Guid.NewGuid():N}"[..20], email = $"{Guid.NewGuid():N}@synkro.test", password = $"pw-{Guid.NewGuid():N}", role = Roles.Viewer })),
        new("read own account", [.. Roles.All], HttpStatusCode.OK, _ => Get("/auth/me")),
        new("list orders", [.. Roles.All], HttpStatusCode.OK, _ => Get("/api/orders?limit=1")),
        new("list customers", Staff, HttpStatusCode.OK, _ => Get("/api/customers?limit=1")),
        new("create a customer", StockHandlers, HttpStatusCode.Created, _ => Post("/api/customers", new { name = "Matrix customer", email = "matrix@synkro.test" })),
        new("read own customer", [Roles.Customer], HttpStatusCode.OK, _ => Get("/api/customers/me")),
        new("list own subscriptions", Staff, HttpStatusCode.OK, _ => Get("/api/notifications/subscriptions")),
        new("read the delivery log", CatalogManagers, HttpStatusCode.OK, _ => Get("/api/notifications/deliveries?limit=1")),
        new("read notification templates", [Roles.Admin], HttpStatusCode.OK, _ => Get("/api/notifications/templates")),
        new("list webhook endpoints", [Roles.Admin], HttpStatusCode.OK, _ => Get("/api/notifications/webhooks")),
        new("read one's inbox", Staff, HttpStatusCode.OK, _ => Get("/api/notifications/inbox?limit=1")),
        new("send the daily digests now", [Roles.Admin], HttpStatusCode.OK, _ => Post("/api/notifications/digests", new { })),
        new("look up recipients", [Roles.Admin], HttpStatusCode.OK, _ => Get("/api/users/recipients?role=manager")),
        new("reach forecasting", [Roles.Admin, Roles.Manager, Roles.Viewer], HttpStatusCode.NotFound, _ => Get("/api/forecasting/forecasts")),
    ];

    [OneTimeSetUp]
    public async Task StockAsync()
    {
        var admin = (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken;
        sku = Unique.Sku("RM");
        using var item = await Edge.SendAsync(HttpMethod.Post, "/api/inventory/items", admin, new { sku, name = "Matrix stock", category = "test", price = 1m, currency = "EUR" });
        using var warehouse = await Edge.SendAsync(HttpMethod.Post, "/api/inventory/warehouses", admin, new { code = Unique.WarehouseCode(), name = "Matrix", country = "DE", priority = 100 });
        Assert.That((item.StatusCode, warehouse.StatusCode), Is.EqualTo((HttpStatusCode.Created, HttpStatusCode.Created)), await item.Content.ReadAsStringAsync());
        warehouseId = JsonDocument.Parse(await warehouse.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var stock = await Edge.SendAsync(HttpMethod.Post, "/api/inventory/adjustments", admin, new { sku, warehouseId, quantity = 1000, reasonCode = "receipt" });
        Assert.That(stock.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase(Anonymous)]
    [TestCase(Roles.Customer)]
    [TestCase(Roles.Viewer)]
    [TestCase(Roles.Clerk)]
    [TestCase(Roles.Manager)]
    [TestCase(Roles.Admin)]
    public async Task A_role_gets_exactly_its_operations(string role)
    {
        var token = role == Anonymous ? null : (await SystemFixture.Accounts.ForRoleAsync(role)).AccessToken;
        var outcomes = new List<string>();
        foreach (var operation in Operations)
        {
            using var request = operation.Request(this);
            if (token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await Edge.Shared.SendAsync(request);
            var expected = role == Anonymous ? HttpStatusCode.Unauthorized
                : operation.Allowed.Contains(role) ? operation.Success
                : HttpStatusCode.Forbidden;
            if (response.StatusCode != expected)
            {
                outcomes.Add($"{operation.Name}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.That(outcomes, Is.Empty, role);
    }

    [Test]
    public async Task A_customer_sees_only_their_own_account()
    {
        var (alice, bob) = (await SystemFixture.Accounts.CreateAsync(Roles.Customer), await SystemFixture.Accounts.CreateAsync(Roles.Customer));
        using var me = await Edge.GetAsync("/auth/me", alice.AccessToken);
        using var other = await Edge.GetAsync($"/api/users/{bob.Id}", alice.AccessToken);
        using var list = await Edge.GetAsync("/api/users", alice.AccessToken);
        var myId = JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Multiple(() =>
        {
            Assert.That(myId, Is.EqualTo(alice.Id));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };

    private static HttpRequestMessage Reserve(string sku)
    {
        var request = Post("/api/inventory/reservations", new { orderId = Guid.CreateVersion7(), lines = new[] { new { sku, quantity = 1 } }, ttlSeconds = 60 });
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }
}
