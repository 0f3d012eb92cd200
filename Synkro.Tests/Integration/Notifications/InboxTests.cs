using System.Net;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>
/// The in-app inbox: what a person's subscriptions bring, with an unread count that every open stream
/// of theirs follows as they read; nobody reads another's.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Notifications")]
public sealed class InboxTests : InventoryScenario
{
    [Test]
    public async Task Reading_a_notification_lowers_the_unread_count_on_every_stream_and_nobody_else_can_read_it()
    {
        var clerk = await SystemFixture.Accounts.CreateAsync(Roles.Clerk);
        var other = await SystemFixture.Accounts.CreateAsync(Roles.Clerk);
        var warehouse = await Inventory.CreateWarehouseAsync();
        var first = await Inventory.CreateItemAsync(overstockThreshold: 50);
        var second = await Inventory.CreateItemAsync(overstockThreshold: 50);
        foreach (var sku in new[] { first, second })
        {
            using var subscribe = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", clerk.AccessToken, new { eventKind = "overstock", channel = "in-app", sku });
            Assert.That(subscribe.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await using var tab = await InboxStream.OpenAsync(clerk.AccessToken);
        await using var otherTab = await InboxStream.OpenAsync(clerk.AccessToken);
        Assert.That(tab.Seen[0].GetProperty("unread").GetInt32(), Is.Zero, "a new account's inbox is empty");

        await Inventory.AdjustAsync(first, warehouse, 60);
        await Inventory.AdjustAsync(second, warehouse, 60);
        var both = await tab.NextAsync(page => page.GetProperty("unread").GetInt32() == 2);
        await otherTab.NextAsync(page => page.GetProperty("unread").GetInt32() == 2);
        var items = InboxStream.Items(both).ToList();
        Assert.That(items.Select(i => i.GetProperty("title").GetString()), Is.EquivalentTo(new[] { $"Overstock: {first}", $"Overstock: {second}" }));
        Assert.That(items.Select(i => i.GetProperty("kind").GetString()), Is.All.EqualTo("overstock"));
        var target = items.Single(i => i.GetProperty("title").GetString() == $"Overstock: {first}").GetProperty("id").GetGuid();

        using (var notYours = await Edge.SendAsync(HttpMethod.Post, $"/api/notifications/inbox/{target}/read", other.AccessToken))
        {
            Assert.That(notYours.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another person's notification is not theirs to read");
        }

        using (var read = await Edge.SendAsync(HttpMethod.Post, $"/api/notifications/inbox/{target}/read", clerk.AccessToken))
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var afterRead = await otherTab.NextAsync(page => page.GetProperty("unread").GetInt32() == 1);
        Assert.That(InboxStream.Items(afterRead).Single(i => i.GetProperty("id").GetGuid() == target).GetProperty("readAt").ValueKind, Is.EqualTo(JsonValueKind.String), "the other tab sees it read");

        using (var readAll = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/inbox/read", clerk.AccessToken))
        {
            Assert.That(readAll.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await tab.NextAsync(page => page.GetProperty("unread").GetInt32() == 0);
        using var listed = await Edge.GetAsync("/api/notifications/inbox?unread=true", clerk.AccessToken);
        var unread = await InventoryClient.ReadAsync<JsonElement>(listed, HttpStatusCode.OK);
        Assert.That(unread.GetProperty("unread").GetInt32(), Is.Zero);
        Assert.That(unread.GetProperty("items").GetArrayLength(), Is.Zero);
        using var othersInbox = await Edge.GetAsync("/api/notifications/inbox", other.AccessToken);
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(othersInbox, HttpStatusCode.OK)).GetProperty("items").GetArrayLength(), Is.Zero, "nothing of the clerk's in another's inbox");

        using var log = await Edge.GetAsync($"/api/notifications/deliveries?channel=in-app&recipient={clerk.UserName}", (await SystemFixture.Accounts.ForRoleAsync(Roles.Manager)).AccessToken);
        var logged = (await InventoryClient.ReadAsync<JsonElement>(log, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.That(logged.Select(d => d.GetProperty("status").GetString()), Is.EqualTo(new[] { "Sent", "Sent" }), "each is in the delivery log, delivered when it was written");
        using var redeliver = await Edge.SendAsync(HttpMethod.Post, $"/api/notifications/deliveries/{target}/redeliver", (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken);
        Assert.That(redeliver.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "an in-app notification is in its inbox already");
    }

    [Test]
    public async Task A_reservation_that_runs_out_is_news_in_the_inbox_of_whoever_follows_them()
    {
        var clerk = await SystemFixture.Accounts.CreateAsync(Roles.Clerk);
        using (var subscribe = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", clerk.AccessToken, new { eventKind = "reservation-expired", channel = "in-app" }))
        {
            Assert.That(subscribe.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await using var inbox = await InboxStream.OpenAsync(clerk.AccessToken);
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 5);
        var order = Guid.CreateVersion7();
        using (var reserve = await Inventory.ReserveAsync(Guid.NewGuid().ToString(), InventoryClient.Reservation(order, 1, null, (sku, 2))))
        {
            Assert.That(reserve.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        // Inventory's sweeper expires the one-second hold and says so.
        var title = $"Reservation expired: order {order.ToString()[..8]}";
        var item = InboxStream.About(await inbox.NextAsync(page => InboxStream.About(page, title).Any()), title).Single();
        Assert.That(item.GetProperty("text").GetString(), Is.EqualTo($"The hold for order {order} ran out: {sku} x 2 available again."));
        Assert.That(item.GetProperty("kind").GetString(), Is.EqualTo("reservation-expired"));
    }

    [Test]
    public async Task The_inbox_refuses_what_it_cannot_do()
    {
        var admin = (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken;
        using var customers = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", admin, new { eventKind = "order-status", channel = "in-app", role = "customer" });
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(customers, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("channel", out _), Is.True, "customers are told by email");

        using var unknown = await Edge.SendAsync(HttpMethod.Post, $"/api/notifications/inbox/{Guid.CreateVersion7()}/read", admin);
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        using var anonymous = await Edge.GetAsync("/api/notifications/inbox/updates", token: null);
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
