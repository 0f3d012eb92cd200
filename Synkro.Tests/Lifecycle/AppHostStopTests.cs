using Synkro.Tests.Hosting;

namespace Synkro.Tests.Lifecycle;

/// <summary>
/// Ctrl+C, or a service manager's SIGTERM, to the README's `dotnet run --project Synkro.AppHost`
/// stops the whole run: no server, service or DCP process outlives it.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Hosting")]
public sealed class AppHostStopTests
{
    // What a user waits before calling something left behind; the check used the same.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Sigterm_to_dotnet_run_leaves_no_process_of_the_run_behind()
    {
        await using var run = AppHostProcess.RunProject();
        var state = await run.WaitForHealthyAsync(Deadlines.AppHostStart);
        var processes = ProcessTable.RunOf(state.AppHostPid).Append(run.Pid)
            .Concat(state.Resources.Select(r => r.Pid).OfType<int>()).Distinct().ToList();
        Assert.That(processes, Has.Count.GreaterThanOrEqualTo(20), "dotnet run, the AppHost, DCP, servers and services");
        AssertTimeline(state);

        Assert.That(await run.StopAsync(Deadlines.Stop), Is.Zero, run.Output);

        var deadline = Deadlines.In(Patience);
        while (processes.Any(ProcessTable.IsAlive) && !deadline.Passed)
        {
            await Task.Delay(250);
        }

        var left = processes.Where(ProcessTable.IsAlive).Select(p => $"{p} {ProcessTable.Command(p)}");
        Assert.That(left, Is.Empty, $"processes of the run alive {deadline} after SIGTERM to `dotnet run`");
    }

    /// <summary>state.json's start-up timeline: every resource started, then ready, and all of them by the time the run was healthy.</summary>
    private static void AssertTimeline(RunState state)
    {
        Assert.That(state.HealthyAfter, Is.GreaterThan(0).And.LessThan(Deadlines.AppHostStart.TotalSeconds), "healthyAfter");
        var ran = state.Resources.Where(r => r.Pid is not null).ToList();
        Assert.That(ran, Is.Not.Empty);
        foreach (var resource in ran)
        {
            Assert.That(resource.StartedAfter, Is.Not.Null.And.GreaterThanOrEqualTo(0), $"{resource.Name} startedAfter");
            Assert.That(resource.ReadyAfter, Is.Not.Null.And.GreaterThanOrEqualTo(resource.StartedAfter!.Value).And.LessThanOrEqualTo(state.HealthyAfter!.Value), $"{resource.Name} readyAfter");
        }
    }
}
