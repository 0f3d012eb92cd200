using System.Net;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>A daily subscription holds its emails back, and the digest lists them in one mail.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Notifications")]
public sealed class DigestTests : InventoryScenario
{
    [Test]
    public async Task A_daily_subscriber_gets_one_digest_mail_listing_the_alerts_instead_of_one_mail_each()
    {
        var clerk = await SystemFixture.Accounts.CreateAsync(Roles.Clerk);
        var address = $"{clerk.UserName}@synkro.test";
        var manager = (await SystemFixture.Accounts.ForRoleAsync(Roles.Manager)).AccessToken;
        var warehouse = await Inventory.CreateWarehouseAsync();
        var first = await Inventory.CreateItemAsync(overstockThreshold: 50);
        var second = await Inventory.CreateItemAsync(overstockThreshold: 50);
        foreach (var sku in new[] { first, second })
        {
            using var subscribe = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", clerk.AccessToken, new { eventKind = "overstock", channel = "email", sku, frequency = "daily" });
            var subscription = await InventoryClient.ReadAsync<JsonElement>(subscribe, HttpStatusCode.Created);
            Assert.That(subscription.GetProperty("frequency").GetString(), Is.EqualTo("daily"));
        }

        await Inventory.AdjustAsync(first, warehouse, 60);
        await Inventory.AdjustAsync(second, warehouse, 70);
        var held = await Deliveries.SettledAsync(manager, address, "Overstock", 2);
        // Held until a digest; the daily run may have taken them already.
        Assert.That(held.Select(d => d.GetProperty("status").GetString()), Is.All.AnyOf("Held", "Digested"));

        using (var now = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/digests", (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken))
        {
            Assert.That(now.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var digest = (await MailCatcher.WaitForAsync(address, "Your Synkro digest", 1)).Single();
        Assert.That(digest.Subject, Is.EqualTo("Your Synkro digest: 2 alerts"));
        var text = await MailCatcher.TextAsync(digest);
        Assert.That(text, Does.Contain($"Overstock: {first} has 60 on hand").And.Contain($"Overstock: {second} has 70 on hand"));
        Assert.That(text.IndexOf(first, StringComparison.Ordinal), Is.LessThan(text.IndexOf(second, StringComparison.Ordinal)), "oldest first");
        Assert.That(await MailCatcher.ToAsync(address, ""), Has.Count.EqualTo(1), "the digest, and no mail for each alert");

        var sent = (await Deliveries.SettledAsync(manager, address, "Your Synkro digest", 1)).Single();
        Assert.That((sent.GetProperty("eventKind").GetString(), sent.GetProperty("status").GetString()), Is.EqualTo(("daily-digest", "Sent")));
        var listed = await Deliveries.SettledAsync(manager, address, "Overstock", 2);
        foreach (var alert in listed)
        {
            using var one = await Edge.GetAsync($"/api/notifications/deliveries/{alert.GetProperty("id").GetGuid()}", manager);
            var delivery = await InventoryClient.ReadAsync<JsonElement>(one, HttpStatusCode.OK);
            Assert.That((delivery.GetProperty("status").GetString(), delivery.GetProperty("digestId").GetGuid()), Is.EqualTo(("Digested", sent.GetProperty("id").GetGuid())), "each alert points at the digest it went out in");
        }

        using (var again = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/digests", (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken))
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await Task.Delay(1000);
        Assert.That(await MailCatcher.ToAsync(address, "Your Synkro digest"), Has.Count.EqualTo(1), "nothing is listed twice");
    }

    [Test]
    public async Task A_digest_is_by_email_and_daily_or_not_at_all()
    {
        var clerk = (await SystemFixture.Accounts.ForRoleAsync(Roles.Clerk)).AccessToken;
        using var hourly = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", clerk, new { eventKind = "low-stock", channel = "email", frequency = "hourly" });
        using var inApp = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/subscriptions", clerk, new { eventKind = "low-stock", channel = "in-app", frequency = "daily" });
        using var byClerk = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/digests", clerk);

        Assert.That((await InventoryClient.ReadAsync<JsonElement>(hourly, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("frequency", out _), Is.True);
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(inApp, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("frequency", out _), Is.True);
        Assert.That(byClerk.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "sending digests now is for admins");
    }
}
