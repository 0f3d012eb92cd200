using RabbitMQ.Client;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Lifecycle;

/// <summary>
/// Stop and Start of single resources while the rest runs: Aspire's resource commands, the same the
/// dashboard's buttons send, on the local servers. Each test on its own small application.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Hosting")]
public sealed class ResourceCommandTests
{
    [Test]
    public async Task Redis_stopped_by_command_starts_again_on_the_same_port_with_its_data()
    {
        await using var app = await SynkroApp.StartAsync(new SynkroAppOptions { Only = [ResourceNames.Cache] });
        await app.WaitForHealthyAsync();
        var before = app.Instances(ResourceNames.Cache).Single();
        var connectionString = app.GetConnectionString(ResourceNames.Cache);
        using (var redis = await RespClient.ConnectAsync(connectionString))
        {
            Assert.That(await redis.SendAsync("SET", "synkro:kept", "across a stop"), Is.EqualTo("OK"));
        }

        await app.StopResourceAsync(ResourceNames.Cache);
        Assert.That(ProcessTable.IsAlive(before.Pid!.Value), Is.False, "redis-server still runs");

        await app.StartResourceAsync(ResourceNames.Cache);

        var after = app.Instances(ResourceNames.Cache).Single();
        Assert.That(after.Pid, Is.Not.EqualTo(before.Pid));
        using var again = await RespClient.ConnectAsync(connectionString); // the same port: the old connection string works
        Assert.That(await again.SendAsync("GET", "synkro:kept"), Is.EqualTo("across a stop"), "Redis saved its data at the stop");
    }

    [Test]
    public async Task The_broker_stops_and_starts_by_command_keeping_its_durable_messages()
    {
        const string queue = "synkro-lifecycle-kept";
        await using var app = await SynkroApp.StartAsync(new SynkroAppOptions { Only = [ResourceNames.Messaging] });
        await app.WaitForHealthyAsync();
        var broker = app.Instances(ResourceNames.Messaging).Single();
        var factory = new ConnectionFactory { Uri = new Uri(app.GetConnectionString(ResourceNames.Messaging)) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, "kept across a stop"u8.ToArray());
        }

        await app.StopResourceAsync(ResourceNames.Messaging);
        Assert.That(ProcessTable.IsAlive(broker.Pid!.Value), Is.False, "the broker still runs");
        Assert.That(app.Instances($"{ResourceNames.Messaging}-epmd"), Has.Count.EqualTo(1), "its epmd is a resource of its own and keeps running");

        await app.StartResourceAsync(ResourceNames.Messaging);

        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            Assert.That(message?.Body.ToArray(), Is.EqualTo("kept across a stop"u8.ToArray()), "the durable message survived the stop");
        }
    }
}
