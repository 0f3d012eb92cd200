using System.Net;
using System.Text.Json;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>Notifications' webhook endpoints and delivery log, as an admin uses them.</summary>
internal static class WebhookEndpoints
{
    public static async Task<(Guid Id, string Secret)> RegisterAsync(string admin, string url, params string[] kinds)
    {
        using var response = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/webhooks", admin,
            new { url, eventKinds = kinds.Length > 0 ? kinds : ["low-stock"], description = TestContext.CurrentContext.Test.Name });
        var created = await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    public static async Task DeleteAsync(string admin, Guid webhook)
    {
        using var response = await Edge.SendAsync(HttpMethod.Delete, $"/api/notifications/webhooks/{webhook}", admin);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    public static async Task<JsonElement> ReadAsync(string admin, string path)
    {
        using var response = await Edge.GetAsync(path, admin);
        return await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.OK);
    }

    /// <summary>A delivery with its attempt log (the webhook-id a receiver got is the delivery's id).</summary>
    public static Task<JsonElement> DeliveryAsync(string admin, string id) => ReadAsync(admin, $"/api/notifications/deliveries/{id}");

    /// <summary>The delivery once it has an outcome: no attempt waiting or under way.</summary>
    public static async Task<JsonElement> SettledAsync(string admin, string id)
    {
        var deadline = Deadlines.In(Deadlines.Eventually);
        while (true)
        {
            var delivery = await DeliveryAsync(admin, id);
            if (delivery.GetProperty("status").GetString() is "Sent" or "Failed" or "Bounced")
            {
                return delivery;
            }

            Assert.That(deadline.Passed, Is.False, $"delivery {id} is still {delivery.GetProperty("status")} after {deadline}");
            await Task.Delay(200);
        }
    }
}
