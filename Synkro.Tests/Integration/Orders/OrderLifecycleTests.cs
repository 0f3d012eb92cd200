using System.Net;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;
using Synkro.Tests.Messaging;
using static Synkro.Tests.Integration.Orders.OrdersClient;

namespace Synkro.Tests.Integration.Orders;

/// <summary>
/// Orders from creation to delivery through the gateway, with the real process behind them:
/// payment by the sandbox provider, stock reserved and committed in Inventory over gRPC, the
/// carrier's tracking number, and every transition in the history and on the event exchange.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Orders")]
public sealed class OrderLifecycleTests : InventoryScenario
{
    [Test]
    public async Task An_order_goes_from_created_to_delivered_and_its_stock_moves_in_inventory()
    {
        await using var tap = await EventTap.StartAsync(SystemFixture.App.GetConnectionString(ResourceNames.Messaging));
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 5);

        var id = await PlacedAsync(clerk, customer, (sku, 2));
        var confirmed = await WaitForAsync(clerk, id, "Confirmed", "BackOrdered", "Cancelled");
        Assert.That(confirmed.GetProperty("status").GetString(), Is.EqualTo("Confirmed"));
        Assert.That(confirmed.GetProperty("payment").GetProperty("status").GetString(), Is.EqualTo("Captured"));
        var line = confirmed.GetProperty("lines")[0];
        Assert.That((line.GetProperty("name").GetString(), line.GetProperty("unitPrice").GetDecimal(), confirmed.GetProperty("totalAmount").GetDecimal()),
            Is.EqualTo(($"Item {sku}", 9.99m, 19.98m)), "names and prices are the catalogue's");
        var held = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((held.OnHand, held.Reserved), Is.EqualTo((5, 2)));
        using var reservation = await Inventory.Http.GetAsync($"/api/inventory/reservations/{confirmed.GetProperty("reservationId").GetGuid()}");
        Assert.That((await InventoryClient.ReadAsync<InventoryClient.ReservationBody>(reservation, HttpStatusCode.OK)).Status, Is.EqualTo("Allocated"), "a confirmed order's stock does not expire");

        var shipped = await ActAsync(clerk, id, "ship");
        Assert.That(shipped.GetProperty("trackingNumber").GetString(), Does.StartWith("SBX"));
        var left = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((left.OnHand, left.Reserved), Is.EqualTo((3, 0)), "shipping committed the reservation");

        var delivered = await ActAsync(clerk, id, "deliver");
        Assert.That(delivered.GetProperty("shipment").GetProperty("status").GetString(), Is.EqualTo("Delivered"));
        Assert.That(await HistoryAsync(clerk, id), Is.EqualTo(new[] { "Created", "Processing", "ReservingStock", "Confirmed", "Shipped", "Delivered" }));

        var changes = await tap.WhereAsync("OrderStatusChanged", "orderId", id.ToString(), expected: 6);
        Assert.That(changes.Select(c => c.GetProperty("to").GetString()), Is.EqualTo(new[] { "Created", "Processing", "ReservingStock", "Confirmed", "Shipped", "Delivered" }));
        foreach (var type in new[] { "OrderCreated", "PaymentProcessed", "ShipmentCreated", "OrderDelivered" })
        {
            Assert.That(await tap.WhereAsync(type, "orderId", id.ToString(), expected: 1), Has.Count.EqualTo(1), type);
        }

        using var movements = await Inventory.Http.GetAsync($"/api/inventory/items/{sku}/movements");
        var types = (await InventoryClient.ReadAsync<JsonElement>(movements, HttpStatusCode.OK)).EnumerateArray().Select(m => m.GetProperty("type").GetString()).ToList();
        Assert.That(types, Is.SupersetOf(new[] { "Receipt", "Reserve", "Issue" }), "the ledger shows the reservation and its commit");
    }

    [Test]
    public async Task A_declined_payment_cancels_the_order_and_holds_nothing()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 3);

        using var placed = await PlaceAsync(clerk, customer, [(sku, 1)], card: Declines);
        var id = (await InventoryClient.ReadAsync<JsonElement>(placed, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var cancelled = await WaitForAsync(clerk, id, "Cancelled", "Confirmed");
        Assert.That(cancelled.GetProperty("status").GetString(), Is.EqualTo("Cancelled"));
        Assert.That((cancelled.GetProperty("payment").GetProperty("status").GetString(), cancelled.GetProperty("payment").GetProperty("declineReason").GetString()),
            Is.EqualTo(("Declined", "card_declined")));
        Assert.That(await HistoryAsync(clerk, id), Is.EqualTo(new[] { "Created", "Processing", "Cancelled" }));
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Reserved, Is.Zero);
    }

    [Test]
    public async Task Cancelling_a_confirmed_order_releases_its_stock_and_refunds_the_payment()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 4);
        var id = await PlacedAsync(clerk, customer, (sku, 4));
        await WaitForAsync(clerk, id, "Confirmed");
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Available, Is.Zero);

        var cancelled = await ActAsync(clerk, id, "cancel", body: new { reason = "customer called" });
        Assert.That(cancelled.GetProperty("payment").GetProperty("status").GetString(), Is.EqualTo("Refunded"));
        Assert.That(cancelled.GetProperty("payment").GetProperty("refundId").GetString(), Does.StartWith("re_sandbox_"));
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Available, Is.EqualTo(4), "the reservation was released");

        var problem = await ActAsync(clerk, id, "ship", HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Illegal status transition"));
        Assert.That(problem.GetProperty("allowed").GetArrayLength(), Is.Zero, "a cancelled order goes nowhere");
    }

    [Test]
    public async Task Illegal_transitions_and_bad_orders_are_clear_problems()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 2);
        var id = await PlacedAsync(clerk, customer, (sku, 1));
        await WaitForAsync(clerk, id, "Confirmed");

        var early = await ActAsync(clerk, id, "deliver", HttpStatusCode.Conflict);
        Assert.That(early.GetProperty("allowed").EnumerateArray().Select(s => s.GetString()), Is.EquivalentTo(new[] { "Shipped", "Cancelled" }));
        using var processStep = await Edge.SendAsync(HttpMethod.Put, $"/api/orders/{id}/status", clerk, new { status = "Processing" });
        Assert.That(processStep.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "the process's own states are not staff actions");

        using var unknown = await PlaceAsync(clerk, customer, [("NO-SUCH-SKU-" + Guid.NewGuid().ToString("N")[..8], 1)]);
        var invalid = await InventoryClient.ReadAsync<JsonElement>(unknown, HttpStatusCode.BadRequest);
        Assert.That(invalid.GetProperty("errors").TryGetProperty("lines[0].sku", out _), Is.True, invalid.ToString());
        using var noCustomer = await PlaceAsync(clerk, null, [(sku, 1)]);
        Assert.That(noCustomer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var badCard = await PlaceAsync(clerk, customer, [(sku, 1)], card: "1234");
        Assert.That(badCard.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_idempotency_key_places_an_order_once()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 10);
        var key = Guid.NewGuid().ToString();

        using var first = await PlaceAsync(clerk, customer, [(sku, 1)], key: key);
        using var again = await PlaceAsync(clerk, customer, [(sku, 1)], key: key);
        using var other = await PlaceAsync(clerk, customer, [(sku, 2)], key: key);
        var id = (await InventoryClient.ReadAsync<JsonElement>(first, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(again, HttpStatusCode.OK)).GetProperty("id").GetGuid(), Is.EqualTo(id));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        await WaitForAsync(clerk, id, "Confirmed");
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Reserved, Is.EqualTo(1), "one order, one reservation");
    }

    [Test]
    public async Task Customers_see_only_their_own_orders()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 5);
        var alice = (await SystemFixture.Accounts.CreateAsync(Roles.Customer)).AccessToken;
        var bob = (await SystemFixture.Accounts.CreateAsync(Roles.Customer)).AccessToken;

        var id = await PlacedAsync(alice, null, (sku, 1));
        Assert.That((await GetAsync(alice, id)).GetProperty("id").GetGuid(), Is.EqualTo(id));
        using var bobReads = await Edge.GetAsync($"/api/orders/{id}", bob);
        Assert.That(bobReads.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another customer's order does not exist for them");
        using var bobCancels = await Edge.SendAsync(HttpMethod.Post, $"/api/orders/{id}/cancel", bob, new { });
        Assert.That(bobCancels.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var bobLists = await Edge.GetAsync("/api/orders", bob);
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(bobLists, HttpStatusCode.OK)).GetProperty("items").GetArrayLength(), Is.Zero);
        using var aliceLists = await Edge.GetAsync("/api/orders", alice);
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(aliceLists, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()), Is.EqualTo(new[] { id }));
        Assert.That((await GetAsync(clerk, id)).GetProperty("id").GetGuid(), Is.EqualTo(id), "staff see every order");
    }
}
