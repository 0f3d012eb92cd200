namespace Synkro.Tests.Integration.Messaging;

/// <summary>The broker goes away while a service keeps committing; nothing is lost or applied twice.</summary>
[TestFixture]
[Category("Messaging")]
public sealed class BrokerOutageTests
{
    [Test]
    public async Task Events_committed_while_the_broker_is_stopped_are_consumed_exactly_once()
    {
        await using var probes = await ProbePair.StartAsync();
        var app = SystemFixture.App;

        await app.StopResourceAsync(ResourceNames.Messaging);
        try
        {
            await probes.Publisher.CommitAsync("outage", amount: 1, count: 1000);
            var during = await probes.Consumer.ReadCounterAsync("outage");
            Assert.That(during.Receipts, Is.Zero, "nothing can arrive while the broker is down");
        }
        finally
        {
            await app.StartResourceAsync(ResourceNames.Messaging);
        }

        var reading = await probes.Consumer.WaitForCounterAsync("outage", r => r.Receipts >= 1000, TimeSpan.FromMinutes(3));
        Assert.That(reading.Receipts, Is.EqualTo(1000), "every event consumed");
        Assert.That(reading.DistinctEvents, Is.EqualTo(1000), "none twice");
        Assert.That(reading.Total, Is.EqualTo(1000));

        // Let any late redelivery arrive before the final count.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.That((await probes.Consumer.ReadCounterAsync("outage")).Receipts, Is.EqualTo(1000));
        await app.WaitForHealthyAsync(TimeSpan.FromMinutes(2));
    }
}
