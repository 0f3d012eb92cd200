using System.Net;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>Admins edit the words of a notification: checked before saving, previewed, versioned, and used for the next alert.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Notifications")]
public sealed class TemplateTests : InventoryScenario
{
    private const string LowStockEmail = "/api/notifications/templates/low-stock/email";

    [Test]
    public async Task An_admin_previews_and_saves_a_template_and_the_next_alert_uses_it()
    {
        var admin = (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken;
        var manager = await SystemFixture.Accounts.ForRoleAsync(Roles.Manager);
        try
        {
            using var broken = await Edge.SendAsync(HttpMethod.Put, LowStockEmail, admin, new { subject = "{% if %}", text = "t", html = "h" });
            Assert.That((await InventoryClient.ReadAsync<JsonElement>(broken, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("subject", out _), Is.True, "a template that does not parse is refused, naming the part");

            using var preview = await Edge.SendAsync(HttpMethod.Post, $"{LowStockEmail}/preview", admin, new { subject = "{{ sku }}", text = "{{ '<b>' }} {{ quantity }}", html = "<p>{{ '<b>' }} {{ quantity }}</p>" });
            var rendered = await InventoryClient.ReadAsync<JsonElement>(preview, HttpStatusCode.OK);
            Assert.That((rendered.GetProperty("subject").GetString(), rendered.GetProperty("text").GetString(), rendered.GetProperty("html").GetString()),
                Is.EqualTo(("SKU-EXAMPLE", "<b> 3", "<p>&lt;b&gt; 3</p>")), "example values; values in the HTML body are encoded");

            using var saved = await Edge.SendAsync(HttpMethod.Put, LowStockEmail, admin, new { subject = "[Synkro] {{ sku }} low: {{ quantity }} left", text = "{{ recipient.name }}: {{ sku }}", html = "<p>{{ sku }}</p>" });
            Assert.That((await InventoryClient.ReadAsync<JsonElement>(saved, HttpStatusCode.OK)).GetProperty("version").GetInt32(), Is.EqualTo(1));

            var warehouse = await Inventory.CreateWarehouseAsync();
            var sku = await Inventory.CreateItemAsync(lowStockThreshold: 5);
            await Inventory.AdjustAsync(sku, warehouse, 10);
            await Inventory.AdjustAsync(sku, warehouse, -7, "damage"); // 3: below the line
            var address = $"{manager.UserName}@synkro.test";
            var mail = (await MailCatcher.WaitForAsync(address, sku, 1)).Single();
            Assert.That(mail.Subject, Is.EqualTo($"[Synkro] {sku} low: 3 left"));
            var delivery = (await Deliveries.SettledAsync(manager.AccessToken, address, sku, 1)).Single();
            Assert.That(delivery.GetProperty("templateVersion").GetInt32(), Is.EqualTo(1));
        }
        finally
        {
            using var reset = await Edge.SendAsync(HttpMethod.Delete, LowStockEmail, admin);
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var current = await Edge.GetAsync(LowStockEmail, admin);
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(current, HttpStatusCode.OK)).GetProperty("version").GetInt32(), Is.EqualTo(0), "reset to the built-in words");
    }

    [Test]
    public async Task Templates_are_for_admins_and_unknown_kinds_are_refused()
    {
        var clerk = (await SystemFixture.Accounts.ForRoleAsync(Roles.Clerk)).AccessToken;
        var admin = (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken;
        using var asClerk = await Edge.GetAsync("/api/notifications/templates", clerk);
        using var unknown = await Edge.GetAsync("/api/notifications/templates/weather/email", admin);

        Assert.That(asClerk.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(unknown, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("kind", out _), Is.True);
    }
}
