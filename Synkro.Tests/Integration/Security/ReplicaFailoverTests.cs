using System.Diagnostics;
using System.Net;
using Synkro.Security;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration.Security;

/// <summary>
/// An inventory replica dies (SIGKILL, as a crash or an OOM kill) while clients read through the
/// gateway: the gateway keeps answering from the other replica, and only requests that were in
/// flight at the moment of the kill may fail. The replica is started again afterwards.
/// </summary>
[CancelAfter(Deadlines.Test)]
[Category("Security")]
[NonParallelizable]
public sealed class ReplicaFailoverTests
{
    private const int Clients = 4;
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(10);

    private sealed record Call(TimeSpan Started, TimeSpan Ended, string Outcome);

    [Test]
    public async Task A_killed_inventory_replica_fails_only_the_requests_in_flight()
    {
        var app = SystemFixture.App;
        var victim = app.Instances(ResourceNames.Inventory)[0];
        Assume.That(app.Instances(ResourceNames.Inventory), Has.Count.EqualTo(2), "needs both inventory replicas running");
        // One account per client: the per-user rate limit must not be what refuses requests.
        var tokens = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ => (await SystemFixture.Accounts.CreateAsync(Roles.Viewer)).AccessToken));

        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var load = tokens.Select(token => Task.Run(async () =>
        {
            var calls = new List<Call>();
            while (!stop.IsCancellationRequested)
            {
                var started = clock.Elapsed;
                string outcome;
                try
                {
                    using var response = await Edge.GetAsync("/api/inventory/items?limit=5", token);
                    outcome = response.StatusCode == HttpStatusCode.OK ? "ok" : $"{(int)response.StatusCode}";
                }
                catch (HttpRequestException exception)
                {
                    outcome = exception.Message;
                }

                calls.Add(new Call(started, clock.Elapsed, outcome));
                await Task.Delay(40); // about 25 requests a second per client, under the per-user limit
            }

            return calls;
        })).ToList();

        await Task.Delay(Before);
        var killedAt = clock.Elapsed;
        ProcessTable.KillTree(victim.Pid!.Value);
        await Task.Delay(After);
        Assert.That(ProcessTable.IsAlive(victim.Pid!.Value), Is.False, "the replica is dead");
        await stop.CancelAsync();
        var calls = (await Task.WhenAll(load)).SelectMany(c => c).ToList();

        try
        {
            var failed = calls.Where(c => c.Outcome != "ok").ToList();
            var inFlight = calls.Where(c => c.Started <= killedAt && c.Ended >= killedAt).ToList();
            var afterwards = calls.Where(c => c.Started > killedAt).ToList();
            TestContext.Out.WriteLine($"{calls.Count} requests, {inFlight.Count} in flight at the kill, {failed.Count} failed: {string.Join("; ", failed.Select(f => $"{f.Started.TotalMilliseconds:0} ms: {f.Outcome}"))}");
            Assert.Multiple(() =>
            {
                Assert.That(failed.Where(f => !inFlight.Contains(f)), Is.Empty, "only requests in flight at the kill may fail");
                Assert.That(afterwards.Count(c => c.Outcome == "ok"), Is.GreaterThan(Clients * After.TotalSeconds), "the gateway kept answering from the other replica");
            });
        }
        finally
        {
            await app.StartInstanceAsync(victim.Id, victim.Pid!.Value);
        }
    }
}
