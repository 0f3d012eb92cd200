using System.Net;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;
using static Synkro.Tests.Integration.Orders.OrdersClient;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>
/// Logistics' order news reaches the order's customer by email (Synkro's default subscription), and a
/// member of staff who follows one customer's orders: placed, shipped, delivered or cancelled, not the
/// order process's own steps.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Notifications")]
public sealed class OrderEmailTests : InventoryScenario
{
    [Test]
    public async Task An_order_mails_its_customer_when_placed_shipped_and_delivered_and_a_follower_of_that_customer_too()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var manager = await SystemFixture.Accounts.ForRoleAsync(Roles.Manager);
        var customer = await CreateCustomerAsync(clerk);
        var email = (await CustomerAsync(clerk, customer)).GetProperty("email").GetString()!;
        using (var follow = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", manager.AccessToken, new { eventKind = "order-status", channel = "email", customerId = customer }))
        {
            Assert.That(follow.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var (sku, _) = await StockedItemAsync(Inventory, 5);
        var order = await PlacedAsync(clerk, customer, (sku, 1));
        await WaitForAsync(clerk, order, "Confirmed");
        await ActAsync(clerk, order, "ship");
        await ActAsync(clerk, order, "deliver");

        var reference = order.ToString()[..8];
        var mails = await MailCatcher.WaitForAsync(email, reference, 3);
        Assert.That(mails.OrderBy(m => m.ReceivedDate).Select(m => m.Subject), Is.EqualTo(new[]
        {
            $"Your order {reference} is Created", $"Your order {reference} is Shipped", $"Your order {reference} is Delivered",
        }), "the news, in order; not Processing, ReservingStock or Confirmed");
        var shipped = mails.Single(m => m.Subject.EndsWith("Shipped", StringComparison.Ordinal));
        Assert.That(await MailCatcher.TextAsync(shipped), Does.Contain("Hello Grace Hopper,").And.Contain($"Your order {order} is on its way"));
        Assert.That(await MailCatcher.WaitForAsync($"{manager.UserName}@synkro.test", reference, 3), Has.Count.EqualTo(3), "the manager following this customer");
        var log = await Deliveries.SettledAsync(manager.AccessToken, email, reference, 3);
        Assert.That(log.Select(d => (d.GetProperty("eventKind").GetString(), d.GetProperty("status").GetString())), Is.All.EqualTo(("order-status", "Sent")));
    }

    [Test]
    public async Task A_declined_order_tells_its_customer_it_was_cancelled_and_why()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var email = (await CustomerAsync(clerk, customer)).GetProperty("email").GetString()!;
        var (sku, _) = await StockedItemAsync(Inventory, 5);
        using var placed = await PlaceAsync(clerk, customer, [(sku, 1)], card: Declines);
        var order = (await InventoryClient.ReadAsync<JsonElement>(placed, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var reference = order.ToString()[..8];
        var cancelled = (await MailCatcher.WaitForAsync(email, $"{reference} is Cancelled", 1)).Single();
        var notes = (await HistoryNotesAsync(clerk, order)).Last();
        Assert.That(await MailCatcher.TextAsync(cancelled), Does.Contain($"Your order {order} was cancelled: {notes}."));
        Assert.That(await MailCatcher.ToAsync(email, reference), Has.Count.EqualTo(2), "placed and cancelled");
    }

    [Test]
    public async Task Only_order_news_goes_to_customers()
    {
        var admin = (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken;
        using var response = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", admin, new { eventKind = "low-stock", channel = "email", role = "customer" });
        var problem = await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("role")[0].GetString(), Does.Contain("order-status"));
    }

    private static async Task<JsonElement> CustomerAsync(string token, Guid id)
    {
        using var response = await Edge.GetAsync($"/api/customers/{id}", token);
        return await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.OK);
    }

    private static async Task<List<string>> HistoryNotesAsync(string token, Guid order)
    {
        var deadline = Deadlines.In(Deadlines.Eventually);
        while (true)
        {
            using var response = await Edge.GetAsync($"/api/orders/{order}/history", token);
            var history = (await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.OK)).EnumerateArray().ToList();
            if (history.Any(h => h.GetProperty("to").GetString() == "Cancelled"))
            {
                return [.. history.Select(h => h.GetProperty("notes").GetString() ?? "")];
            }

            Assert.That(deadline.Passed, Is.False, $"order {order} not cancelled after {deadline}");
            await Task.Delay(200);
        }
    }
}
