using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>
/// Webhooks to receivers the tests run: signed the Standard Webhooks way, retried on the schedule
/// (shortened for the test system), logged attempt by attempt, never sent where they may not go,
/// and an endpoint that stops accepting is reported to the admins and can be redelivered to.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Notifications")]
public sealed class WebhookTests : InventoryScenario
{
    private string admin = "";

    [SetUp]
    public async Task SignInAsync() => admin = (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken;

    [Test]
    public async Task A_receiver_failing_three_times_accepts_exactly_one_signed_delivery_and_every_attempt_is_logged()
    {
        using var receiver = new WebhookReceiver((_, seen) => (seen <= 3 ? 503 : 204, null));
        var (webhook, secret) = await RegisterAsync(receiver.Url);
        try
        {
            var (sku, warehouse) = await CrossLowStockAsync();
            var requests = await receiver.WaitForAsync(sku, 4);
            var delivery = await SettledAsync(requests[0].Headers["webhook-id"]);

            Assert.That(requests.Select(r => r.Headers["webhook-id"]).Distinct().Count(), Is.EqualTo(1), "every retry carries the delivery's id");
            Assert.That(requests.All(r => WebhookReceiver.Verify(secret, r.Headers["webhook-id"], r.Headers["webhook-timestamp"], r.Body, r.Headers["webhook-signature"], r.At)),
                "each attempt verifies as docs/notifications.md says");
            Assert.DoesNotThrow(() => new StandardWebhook(secret).Verify(requests[^1].Body, HeadersOf(requests[^1])), "and as the Standard Webhooks library does");
            using (var body = JsonDocument.Parse(requests[^1].Body))
            {
                var data = body.RootElement.GetProperty("data");
                Assert.That(body.RootElement.GetProperty("type").GetString(), Is.EqualTo("low-stock"));
                Assert.That((data.GetProperty("sku").GetString(), data.GetProperty("warehouseId").GetGuid(), data.GetProperty("quantity").GetInt32(), data.GetProperty("threshold").GetInt32()),
                    Is.EqualTo((sku, warehouse, 3, 5)));
            }

            Assert.That(delivery.GetProperty("status").GetString(), Is.EqualTo("Sent"));
            Assert.That(delivery.GetProperty("attempts").GetInt32(), Is.EqualTo(4));
            Assert.That(delivery.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()), Is.EqualTo(new[] { 503, 503, 503, 204 }));
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.That(receiver.About(sku), Has.Count.EqualTo(4), "nothing is sent after the receiver accepted");
        }
        finally
        {
            await DeleteAsync(webhook);
        }
    }

    [Test]
    public void The_documented_verification_rejects_a_replay_and_a_changed_body()
    {
        var secret = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var signedAt = DateTimeOffset.UtcNow;
        const string id = "msg_1", body = """{"type":"low-stock","data":{"quantity":3}}""";
        var signature = new StandardWebhook(secret).Sign(id, signedAt, body);
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var other = new StandardWebhook("whsec_" + Convert.ToBase64String(new byte[32]));

        Assert.That(WebhookReceiver.Verify(secret, id, timestamp, body, signature, signedAt.AddSeconds(2)), Is.True, "genuine and fresh");
        Assert.That(WebhookReceiver.Verify(secret, id, timestamp, body, signature, signedAt.AddMinutes(10)), Is.False, "the same request replayed ten minutes later");
        Assert.That(WebhookReceiver.Verify(secret, id, timestamp, body.Replace("3", "300", StringComparison.Ordinal), signature, signedAt), Is.False, "a changed body under the old signature");
        Assert.That(WebhookReceiver.Verify(secret, id, timestamp, body.Replace("3", "300", StringComparison.Ordinal), other.Sign(id, signedAt, body.Replace("3", "300", StringComparison.Ordinal)), signedAt), Is.False,
            "a changed body signed again without the secret");
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(body + " ", Headers(id, timestamp, signature)));
    }

    [TestCase("http://127.0.0.1/hooks")]
    [TestCase("http://10.0.0.1/hooks")]
    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://[::1]/hooks")]
    [TestCase("http://[::ffff:192.168.1.1]/hooks")]
    [TestCase("http://localhost:8080/hooks")]
    [TestCase("ftp://hooks.example.com/")]
    [TestCase("http://user:password@127.0.0.2/hooks")]
    public async Task A_webhook_url_that_leads_inside_is_refused(string url)
    {
        using var response = await Edge.SendAsync(HttpMethod.Post, "/api/notifications/webhooks", admin, new { url, eventKinds = new[] { "low-stock" } });
        var problem = await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("url")[0].GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task A_redirect_is_not_followed_even_to_an_address_a_webhook_could_not_reach()
    {
        using var inside = new WebhookReceiver(address: IPAddress.Loopback);
        using var redirecting = new WebhookReceiver((_, _) => (307, inside.Url));
        var (webhook, _) = await RegisterAsync(redirecting.Url);
        try
        {
            var (sku, _) = await CrossLowStockAsync();
            var requests = await redirecting.WaitForAsync(sku, 2);
            var delivery = await GetDeliveryAsync(requests[0].Headers["webhook-id"]);

            var first = delivery.GetProperty("attemptLog")[0];
            Assert.That(first.GetProperty("statusCode").GetInt32(), Is.EqualTo(307));
            Assert.That(first.GetProperty("error").GetString(), Does.Contain("not followed"));
            Assert.That(inside.Requests, Is.Empty, "the address redirected to got nothing");
        }
        finally
        {
            await DeleteAsync(webhook);
        }
    }

    [Test]
    public async Task An_endpoint_that_never_accepts_turns_failing_tells_the_admins_and_takes_a_redelivery()
    {
        var healthy = false;
        using var receiver = new WebhookReceiver((_, _) => (Volatile.Read(ref healthy) ? 200 : 500, null));
        var (webhook, _) = await RegisterAsync(receiver.Url);
        try
        {
            var (sku, _) = await CrossLowStockAsync();
            var id = (await receiver.WaitForAsync(sku, 1))[0].Headers["webhook-id"];
            var failed = await SettledAsync(id);
            var endpoint = await ReadAsync($"/api/notifications/webhooks/{webhook}");
            var adminName = (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).UserName;
            var mail = (await MailCatcher.WaitForAsync($"{adminName}@synkro.test", receiver.Url, 1)).Single();

            Assert.That((failed.GetProperty("status").GetString(), failed.GetProperty("attempts").GetInt32(), failed.GetProperty("responseStatus").GetInt32()), Is.EqualTo(("Failed", 5, 500)),
                "one attempt and the test system's four retries");
            Assert.That(endpoint.GetProperty("status").GetString(), Is.EqualTo("Failing"));
            Assert.That(mail.Subject, Is.EqualTo($"Webhook failing: {receiver.Url}"));
            Assert.That(await MailCatcher.TextAsync(mail), Does.Contain(id).And.Contain("5 attempts"));

            Volatile.Write(ref healthy, true);
            using (var redeliver = await Edge.SendAsync(HttpMethod.Post, $"/api/notifications/deliveries/{id}/redeliver", admin))
            {
                Assert.That(redeliver.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            }

            var sent = await SettledAsync(id);
            Assert.That((sent.GetProperty("status").GetString(), sent.GetProperty("attempts").GetInt32()), Is.EqualTo(("Sent", 6)));
            Assert.That((await ReadAsync($"/api/notifications/webhooks/{webhook}")).GetProperty("status").GetString(), Is.EqualTo("Active"), "accepted again");
            using var again = await Edge.SendAsync(HttpMethod.Post, $"/api/notifications/deliveries/{Guid.NewGuid()}/redeliver", admin);
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        finally
        {
            await DeleteAsync(webhook);
        }
    }

    /// <summary>An item at 10 with a reorder point of 5, then down to 3: one low-stock event.</summary>
    private async Task<(string Sku, Guid Warehouse)> CrossLowStockAsync()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync(lowStockThreshold: 5);
        await Inventory.AdjustAsync(sku, warehouse, 10);
        await Inventory.AdjustAsync(sku, warehouse, -7, "damage");
        return (sku, warehouse);
    }

    private Task<(Guid Id, string Secret)> RegisterAsync(string url) => WebhookEndpoints.RegisterAsync(admin, url);

    private Task DeleteAsync(Guid webhook) => WebhookEndpoints.DeleteAsync(admin, webhook);

    private Task<JsonElement> ReadAsync(string path) => WebhookEndpoints.ReadAsync(admin, path);

    private Task<JsonElement> GetDeliveryAsync(string id) => WebhookEndpoints.DeliveryAsync(admin, id);

    private Task<JsonElement> SettledAsync(string id) => WebhookEndpoints.SettledAsync(admin, id);

    private static HeaderDictionary HeadersOf(WebhookReceiver.Received request) =>
        Headers(request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"]);

    private static HeaderDictionary Headers(string id, string timestamp, string signature) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp,
        ["webhook-signature"] = signature,
    };
}
