using System.Text;
using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;
using Synkro.Tests.Messaging;
using Synkro.Tests.Messaging.Probe;

namespace Synkro.Tests.Integration.Messaging;

/// <summary>Events are never lost and never applied twice, whatever fails, against the real broker and databases.</summary>
[TestFixture]
[Category("Messaging")]
public sealed class DeliveryGuaranteeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task An_event_committed_before_the_publisher_is_killed_is_published_after_restart()
    {
        // The relay is off, so the process dies with committed, unpublished events: the window between commit and publish.
        await using var probes = await ProbePair.StartAsync(publisherSettings: new Dictionary<string, string> { ["Messaging__RelayEnabled"] = "false" });
        await probes.Publisher.CommitAsync("crash", amount: 1, count: 50);
        await probes.Publisher.KillHardAsync();
        Assert.That(await UnsentAsync(probes.PublisherDatabase), Is.EqualTo(50));

        await probes.RestartPublisherAsync();

        var reading = await probes.Consumer.WaitForCounterAsync("crash", r => r.Total >= 50, Patience);
        Assert.That(reading.Total, Is.EqualTo(50));
        Assert.That(reading.Receipts, Is.EqualTo(50));
        Assert.That(await UnsentAsync(probes.PublisherDatabase), Is.Zero);
    }

    [Test]
    public async Task Every_message_delivered_twice_and_out_of_order_ends_as_single_delivery()
    {
        // Several handlers at once, so duplicates also race each other into the inbox.
        await using var probes = await ProbePair.StartAsync(consumerSettings: new Dictionary<string, string> { ["Messaging__ConsumerConcurrency"] = "4" });
        var events = Enumerable.Range(1, 200).Select(i => new CounterIncremented($"dup-{i % 5}", i)).ToList();
        var deliveries = events.Concat(events).OrderBy(_ => Random.Shared.Next()).ToList();
        await using var broker = await BrokerClient.ConnectAsync(SystemFixture.App.GetConnectionString(ResourceNames.Messaging));

        foreach (var @event in deliveries)
        {
            var properties = new BasicProperties { MessageId = @event.Id.ToString(), Type = nameof(CounterIncremented), Persistent = true };
            await broker.PublishAsync("synkro.events", nameof(CounterIncremented), properties, JsonSerializer.SerializeToUtf8Bytes(@event, JsonSerializerOptions.Web));
        }

        foreach (var key in events.GroupBy(e => e.Key))
        {
            var expected = key.Sum(e => e.Amount);
            var reading = await probes.Consumer.WaitForCounterAsync(key.Key, r => r.Receipts >= key.Count(), Patience);
            Assert.That(reading.Total, Is.EqualTo(expected), key.Key);
            Assert.That(reading.Receipts, Is.EqualTo(key.Count()), key.Key);
            Assert.That(reading.DistinctEvents, Is.EqualTo(key.Count()), key.Key);
        }

        await WaitForEmptyAsync(broker, probes.ConsumerQueue);
        Assert.That((await probes.Consumer.ReadCounterAsync("dup-0")).Receipts, Is.EqualTo(40), "no late second application");
    }

    [Test]
    public async Task A_poison_message_is_dead_lettered_with_its_reason_while_others_flow()
    {
        await using var probes = await ProbePair.StartAsync(consumerSettings: new Dictionary<string, string>
        {
            ["Messaging__RetryDelays__0"] = "00:00:00.300",
            ["Messaging__RetryDelays__1"] = "00:00:00.600",
        });
        await probes.Publisher.CommitAsync("poison", amount: -7, count: 1);
        await probes.Publisher.CommitAsync("healthy", amount: 1, count: 50);

        var healthy = await probes.Consumer.WaitForCounterAsync("healthy", r => r.Total >= 50, Patience);
        Assert.That(healthy.Total, Is.EqualTo(50));

        await using var broker = await BrokerClient.ConnectAsync(SystemFixture.App.GetConnectionString(ResourceNames.Messaging));
        var deadLetterQueue = probes.ConsumerQueue + ".dead-letter";
        var deadline = DateTime.UtcNow + Patience;
        while (await broker.MessageCountAsync(deadLetterQueue) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var dead = await broker.GetAsync(deadLetterQueue);
        Assert.That(dead, Is.Not.Null, "nothing was dead-lettered");
        var headers = dead!.BasicProperties.Headers!;
        Assert.That(Encoding.UTF8.GetString((byte[])headers["x-synkro-error"]!), Does.Contain("negative amount (-7)"));
        Assert.That(Convert.ToInt32(headers["x-synkro-attempt"]), Is.EqualTo(4), "three attempts, then given up");
        Assert.That(headers.ContainsKey("x-death") || headers.ContainsKey("x-first-death-reason"), Is.True, "dead-lettered by the broker");
        Assert.That((await probes.Consumer.ReadCounterAsync("poison")).Receipts, Is.Zero);
    }

    private static async Task<long> UnsentAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitForEmptyAsync(BrokerClient broker, string queue)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await broker.MessageCountAsync(queue) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await Task.Delay(500);
    }
}
