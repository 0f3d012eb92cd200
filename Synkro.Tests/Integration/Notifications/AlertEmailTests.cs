using System.Net;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>
/// Inventory's threshold events become emails in the real mail catcher, through Notifications'
/// subscriptions, templates and delivery log: one mail per crossing of the line, not per movement.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Notifications")]
public sealed class AlertEmailTests : InventoryScenario
{
    [Test]
    public async Task Stock_falling_below_its_reorder_point_mails_the_managers_and_pushes_to_their_inbox_once_per_crossing()
    {
        var manager = await SystemFixture.Accounts.ForRoleAsync(Roles.Manager);
        var address = $"{manager.UserName}@synkro.test";
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync(lowStockThreshold: 5);
        await Inventory.AdjustAsync(sku, warehouse, 10);
        await using var inbox = await InboxStream.OpenAsync(manager.AccessToken);

        await Inventory.AdjustAsync(sku, warehouse, -6, "damage");      // 4: below the line
        var first = (await MailCatcher.WaitForAsync(address, sku, 1)).Single();
        var pushed = InboxStream.About(await inbox.NextAsync(page => InboxStream.About(page, sku).Any()), sku).Single();
        await Inventory.AdjustAsync(sku, warehouse, -1, "shrinkage");   // 3: further below, no mail
        await Inventory.AdjustAsync(sku, warehouse, 10);                // 13: recovered
        await Inventory.AdjustAsync(sku, warehouse, -11, "write_off");  // 2: below again, a second mail
        var mails = await MailCatcher.WaitForAsync(address, sku, 2);

        Assert.That(first.Subject, Is.EqualTo($"Low stock: {sku} is down to 4"), "the built-in template, rendered");
        var text = await MailCatcher.TextAsync(first);
        Assert.That(text, Does.Contain($"Hello {manager.UserName},").And.Contain($"{sku} has 4 available in warehouse {warehouse}").And.Contain("reorder point of 5"));
        Assert.That(await MailCatcher.HtmlAsync(first), Does.Contain($"<strong>{sku}</strong>"));
        Assert.That(mails.Select(m => m.Subject), Is.EquivalentTo(new[] { $"Low stock: {sku} is down to 4", $"Low stock: {sku} is down to 2" }), "one mail per crossing");

        var second = await inbox.NextAsync(page => InboxStream.About(page, sku).Count() == 2);
        Assert.That(pushed.GetProperty("text").GetString(), Does.Contain($"{sku} is down to 4"), "the in-app template, rendered, pushed live");
        Assert.That(pushed.GetProperty("readAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(InboxStream.About(second, sku).Select(i => i.GetProperty("text").GetString()![..$"{sku} is down to 2".Length]),
            Is.EqualTo(new[] { $"{sku} is down to 2", $"{sku} is down to 4" }), "one notification per crossing, newest first");
        Assert.That(inbox.Seen.Select(p => InboxStream.About(p, sku).Count()), Is.Ordered.And.All.LessThanOrEqualTo(2), "never a third, nor a repeat of one");

        var ours = await Deliveries.SettledAsync(manager.AccessToken, address, sku, 2);
        Assert.That(ours.Select(d => (d.GetProperty("status").GetString(), d.GetProperty("attempts").GetInt32(), d.GetProperty("templateVersion").GetInt32(), d.GetProperty("channel").GetString())),
            Is.EqualTo(new[] { ("Sent", 1, 0, "email"), ("Sent", 1, 0, "email") }), "the delivery log has each, sent at the first attempt");
    }

    [Test]
    public async Task A_clerk_subscribes_to_overstock_of_one_sku_and_gets_only_that()
    {
        var clerk = await SystemFixture.Accounts.CreateAsync(Roles.Clerk);
        var warehouse = await Inventory.CreateWarehouseAsync();
        var watched = await Inventory.CreateItemAsync(overstockThreshold: 50);
        var other = await Inventory.CreateItemAsync(overstockThreshold: 50);

        using (var subscribe = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", clerk.AccessToken, new { eventKind = "overstock", channel = "email", sku = watched }))
        {
            var subscription = await InventoryClient.ReadAsync<JsonElement>(subscribe, HttpStatusCode.Created);
            Assert.That(subscription.GetProperty("userId").GetGuid(), Is.EqualTo(clerk.Id));
        }

        await Inventory.AdjustAsync(other, warehouse, 60);
        await Inventory.AdjustAsync(watched, warehouse, 60);
        var mail = (await MailCatcher.WaitForAsync($"{clerk.UserName}@synkro.test", "Overstock", 1)).Single();

        Assert.That(mail.Subject, Is.EqualTo($"Overstock: {watched} has 60 on hand"));
        using var mine = await Edge.GetAsync("/api/notifications/subscriptions", clerk.AccessToken);
        var listed = await InventoryClient.ReadAsync<JsonElement>(mine, HttpStatusCode.OK);
        Assert.That(listed.EnumerateArray().Count(s => s.GetProperty("sku").GetString() == watched), Is.EqualTo(1));
        Assert.That(listed.EnumerateArray().Any(s => s.GetProperty("role").GetString() == Roles.Manager), Is.False, "a clerk sees their own, not the managers'");
    }

    [Test]
    public async Task Subscriptions_refuse_what_they_cannot_deliver_and_roles_are_for_admins()
    {
        var clerk = (await SystemFixture.Accounts.ForRoleAsync(Roles.Clerk)).AccessToken;
        using var unknownKind = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", clerk, new { eventKind = "weather", channel = "email" });
        using var unknownChannel = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", clerk, new { eventKind = "low-stock", channel = "pigeon" });
        using var forRole = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", clerk, new { eventKind = "low-stock", channel = "email", role = "viewer" });
        using var missing = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", clerk, new { channel = "email" });

        Assert.That((await InventoryClient.ReadAsync<JsonElement>(unknownKind, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("eventKind", out _), Is.True);
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(unknownChannel, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("channel", out _), Is.True);
        Assert.That(forRole.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(missing.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
