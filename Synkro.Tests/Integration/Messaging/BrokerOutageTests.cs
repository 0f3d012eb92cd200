using System.Diagnostics;
using Synkro.Tests.Messaging;
using Synkro.Tests.Messaging.Probe;

namespace Synkro.Tests.Integration.Messaging;

/// <summary>The broker goes away or restarts; nothing committed or queued is lost or applied twice.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Messaging")]
public sealed class BrokerOutageTests
{
    [Test]
    public async Task With_the_broker_stopped_for_60_s_under_steady_load_the_API_stays_2xx_and_every_event_is_consumed_once()
    {
        await using var probes = await ProbePair.StartAsync();
        var app = SystemFixture.App;
        using var stop = new CancellationTokenSource();
        var load = SteadyLoadAsync(probes.Publisher, "outage", stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));

        await app.StopResourceAsync(ResourceNames.Messaging);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await app.StartResourceAsync(ResourceNames.Messaging);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        var (committed, failures) = await load;

        Assert.That(failures, Is.Empty, "every request answered 2xx");
        Assert.That(committed, Is.GreaterThan(100), "steady load through the outage");
        var reading = await probes.Consumer.WaitForCounterAsync("outage", r => r.Receipts >= committed, TimeSpan.FromMinutes(3));
        await Task.Delay(TimeSpan.FromSeconds(3)); // any late redelivery
        reading = await probes.Consumer.ReadCounterAsync("outage");
        Assert.That(reading.Receipts, Is.EqualTo(committed), "every committed event consumed");
        Assert.That(reading.DistinctEvents, Is.EqualTo(committed), "none twice");
        await app.WaitForHealthyAsync(Deadlines.ResourceStart);
    }

    [Test]
    public async Task A_broker_restart_with_10000_persistent_messages_queued_delivers_them_all()
    {
        await using var probes = await ProbePair.StartAsync();
        var app = SystemFixture.App;
        // The consumer is away, so the messages wait in its quorum queue through the restart.
        await probes.Consumer.KillHardAsync();
        var events = Enumerable.Range(0, 10_000).Select(_ => new CounterIncremented("queued", 1)).ToList();
        await using (var broker = await BrokerClient.ConnectAsync(app.GetConnectionString(ResourceNames.Messaging)))
        {
            await broker.PublishEventsAsync(events);
            Assert.That(await broker.MessageCountAsync(probes.ConsumerQueue), Is.EqualTo(10_000));
        }

        await app.StopResourceAsync(ResourceNames.Messaging);
        await app.StartResourceAsync(ResourceNames.Messaging);
        await using (var broker = await BrokerClient.ConnectAsync(app.GetConnectionString(ResourceNames.Messaging)))
        {
            Assert.That(await broker.MessageCountAsync(probes.ConsumerQueue), Is.EqualTo(10_000), "persisted through the restart");
        }

        await probes.RestartConsumerAsync();
        var reading = await probes.Consumer.WaitForCounterAsync("queued", r => r.Receipts >= 10_000, TimeSpan.FromMinutes(5));
        Assert.That(reading.Receipts, Is.EqualTo(10_000));
        Assert.That(reading.DistinctEvents, Is.EqualTo(10_000));
        await app.WaitForHealthyAsync(Deadlines.ResourceStart);
    }

    /// <summary>One event per request, back to back, until stopped; returns how many committed and any non-2xx answer.</summary>
    private static async Task<(int Committed, List<string> Failures)> SteadyLoadAsync(ProbeProcess publisher, string key, CancellationToken stop)
    {
        var (committed, failures) = (0, new List<string>());
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await publisher.Http.PostAsync($"/increments?key={key}&amount=1&count=1", null, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    committed++;
                }
                else
                {
                    failures.Add($"{clock.Elapsed.TotalSeconds:0.0} s: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{clock.Elapsed.TotalSeconds:0.0} s: {e.Message}");
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return (committed, failures);
    }
}
