using RabbitMQ.Client;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Lifecycle;

/// <summary>
/// Stop, start and restart of single resources while the AppHost keeps running (the commands of Aspire's
/// dashboard), each on its own small AppHost.
/// </summary>
[TestFixture]
[Category("Hosting")]
public sealed class ResourceCommandTests
{
    [Test]
    public async Task A_server_stopped_by_command_starts_again_on_the_same_port_with_its_data()
    {
        await using var app = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.Cache] });
        var before = (await app.WaitForHealthyAsync())[ResourceNames.Cache];
        using (var redis = await RespClient.ConnectAsync(app.GetConnectionString(ResourceNames.Cache)))
        {
            Assert.That(await redis.SendAsync("SET", "synkro:kept", "across a stop"), Is.EqualTo("OK"));
        }

        var stopped = await app.StopResourceAsync(ResourceNames.Cache);

        Assert.Multiple(() =>
        {
            Assert.That(stopped.Message, Is.EqualTo("stopped by command"));
            Assert.That(stopped.Pid, Is.Null);
            Assert.That(ProcessTable.IsAlive(before.Pid!.Value), Is.False, "redis-server still runs");
            Assert.That(app.HasExited, Is.False, "the AppHost keeps running");
        });
        var whileStopped = await app.WaitForHealthyAsync(TimeSpan.FromSeconds(10));
        Assert.That(whileStopped.Status, Is.EqualTo("Healthy"), "a resource stopped on purpose is no failure of the run");

        var started = await app.StartResourceAsync(ResourceNames.Cache);

        Assert.That(started.Endpoints[0].Url, Is.EqualTo(before.Endpoints[0].Url), "the same port");
        Assert.That(started.Pid, Is.Not.Null.And.Not.EqualTo(before.Pid));
        using var again = await RespClient.ConnectAsync(app.GetConnectionString(ResourceNames.Cache));
        Assert.That(await again.SendAsync("GET", "synkro:kept"), Is.EqualTo("across a stop"));
    }

    [Test]
    public async Task The_broker_stops_and_starts_by_command_keeping_its_messages_and_leaves_nothing_at_shutdown()
    {
        const string queue = "synkro-lifecycle-kept";
        await using var app = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.Messaging, ResourceNames.Cache] });
        var state = await app.WaitForHealthyAsync();
        var cache = state[ResourceNames.Cache].Pid!.Value;
        var firstRun = ProcessTable.TaggedWith(app.RunDirectory);
        var factory = new ConnectionFactory { Uri = new Uri(app.GetConnectionString(ResourceNames.Messaging)) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, "kept across a stop"u8.ToArray());
        }

        await app.StopResourceAsync(ResourceNames.Messaging);

        // RabbitMQ's launcher script, its Erlang VM and its epmd are all gone; Redis is untouched.
        Assert.That(await LeftAfterAsync(app, [cache]), Is.EquivalentTo(new[] { cache }));
        Assert.That(app.ReadState()![ResourceNames.Cache].State, Is.EqualTo("Healthy"));

        var started = await app.StartResourceAsync(ResourceNames.Messaging);

        Assert.That(started.Endpoints[0].Url, Is.EqualTo(state[ResourceNames.Messaging].Endpoints[0].Url));
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            Assert.That(message?.Body.ToArray(), Is.EqualTo("kept across a stop"u8.ToArray()), "the durable message survived the stop");
        }

        var everything = firstRun.Concat(ProcessTable.TaggedWith(app.RunDirectory)).Distinct().ToList();
        Assert.That(await app.StopAsync(), Is.Zero, app.Output);
        Assert.That(everything.Where(ProcessTable.IsAlive), Is.Empty, "processes still alive after the AppHost stopped");
    }

    [Test]
    public async Task A_project_restarts_by_command_and_the_shutdown_skips_what_a_command_stopped()
    {
        await using var app = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.Gateway] });
        var state = await app.WaitForHealthyAsync();
        var gateway = state[ResourceNames.Gateway];

        var restarted = await app.RestartResourceAsync(ResourceNames.Gateway);

        Assert.That(restarted.Pid, Is.Not.Null.And.Not.EqualTo(gateway.Pid));
        Assert.That(ProcessTable.IsAlive(gateway.Pid!.Value), Is.False, "the first gateway process still runs");
        Assert.That(restarted.Endpoints[0].Url, Is.EqualTo(gateway.Endpoints[0].Url));
        using (var client = app.CreateHttpClient(ResourceNames.Gateway))
        {
            Assert.That((await client.GetAsync("/health")).IsSuccessStatusCode, Is.True);
        }

        Assert.That(app.ReadState()![ResourceNames.Postgres].Pid, Is.EqualTo(state[ResourceNames.Postgres].Pid), "what the gateway uses keeps running");

        // The gateway uses the cache: stopping the cache must not fail the running gateway.
        await app.StopResourceAsync(ResourceNames.Cache);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var afterStop = app.ReadState()![ResourceNames.Gateway];
        Assert.That(afterStop.State, Is.Not.EqualTo("Exited").And.Not.EqualTo("FailedToStart"));
        Assert.That(ProcessTable.IsAlive(restarted.Pid!.Value), Is.True);

        var pids = state.Pids.Concat(app.ReadState()!.Pids).Concat(ProcessTable.TaggedWith(app.RunDirectory)).Distinct().ToList();
        Assert.That(await app.StopAsync(), Is.Zero, app.Output);

        Assert.That(pids.Where(ProcessTable.IsAlive), Is.Empty, "processes still alive after the AppHost stopped");
        Assert.That(Occurrences(app.Output, "Stopping gateway"), Is.EqualTo(1), "the restarted gateway is stopped at shutdown, once");
        Assert.That(app.Output, Does.Not.Contain("Stopping cache"), "the cache, stopped by command, is not stopped again");
        Assert.That(app.ReadState()![ResourceNames.Cache].State, Is.EqualTo("Stopped"));
    }

    private static async Task<IReadOnlyList<int>> LeftAfterAsync(TestAppHost app, int[] expected)
    {
        // A stopped server's helpers (Erlang's port programs) may take a moment longer than the server itself.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var left = ProcessTable.TaggedWith(app.RunDirectory);
        while (left.Except(expected).Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            left = ProcessTable.TaggedWith(app.RunDirectory);
        }

        return left;
    }

    private static int Occurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
