using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Hosting;
using Synkro.Tests.Integration.Inventory;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>
/// Notifications SIGKILLed while webhook receivers hold their answers, its sends under way: after the
/// restart every delivery is sent, none is lost, and a receiver that got one twice can find the
/// repeat in the delivery log (an attempt with no finish, then another).
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Notifications")]
public sealed class NotificationsCrashTests : InventoryScenario
{
    private const int Alerts = 6;

    [Test]
    public async Task Killing_notifications_while_it_sends_loses_nothing_and_every_repeat_is_in_the_log()
    {
        var admin = (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken;
        var manager = await SystemFixture.Accounts.ForRoleAsync(Roles.Manager);
        using var receiver = new WebhookReceiver(hold: TimeSpan.FromSeconds(2));
        var (webhook, _) = await WebhookEndpoints.RegisterAsync(admin, receiver.Url);
        try
        {
            var warehouse = await Inventory.CreateWarehouseAsync();
            var skus = new List<string>();
            for (var i = 0; i < Alerts; i++)
            {
                var sku = await Inventory.CreateItemAsync(lowStockThreshold: 5);
                await Inventory.AdjustAsync(sku, warehouse, 10);
                skus.Add(sku);
            }

            await Task.WhenAll(skus.Select(sku => Inventory.AdjustAsync(sku, warehouse, -7, "damage")));
            await receiver.WaitForAsync(skus[0], 1);
            var victim = SystemFixture.App.Instances(ResourceNames.Notifications).Single();
            ProcessTable.KillTree(victim.Pid!.Value);
            await SystemFixture.App.StartInstanceAsync(victim.Id, victim.Pid!.Value);

            var deliveries = new List<JsonElement>();
            foreach (var sku in skus)
            {
                var id = (await receiver.WaitForAsync(sku, 1))[0].Headers["webhook-id"];
                deliveries.Add(await WebhookEndpoints.SettledAsync(admin, id));
                Assert.That(await MailCatcher.WaitForAsync($"{manager.UserName}@synkro.test", sku, 1), Is.Not.Empty, $"the managers' mail about {sku}");
            }

            Assert.That(deliveries.Select(d => d.GetProperty("status").GetString()), Is.All.EqualTo("Sent"), "nothing lost");
            foreach (var delivery in deliveries)
            {
                var id = delivery.GetProperty("id").GetString()!;
                var received = receiver.Requests.Count(r => r.Headers["webhook-id"] == id);
                var attempts = delivery.GetProperty("attemptLog").EnumerateArray().ToList();
                Assert.That(attempts, Has.Count.GreaterThanOrEqualTo(received), $"delivery {id} reached the receiver {received} times; the log must show as many attempts");
                Assert.That(attempts.Take(attempts.Count - 1).All(a => a.GetProperty("finishedAt").ValueKind == JsonValueKind.Null), Is.True,
                    $"every attempt before delivery {id}'s last is one the kill cut off");
            }

            Assert.That(deliveries.Count(d => d.GetProperty("attempts").GetInt32() > 1), Is.Positive, "the kill came while sends were under way");
        }
        finally
        {
            await WebhookEndpoints.DeleteAsync(admin, webhook);
        }
    }
}
