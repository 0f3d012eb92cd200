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

        Assert.That(await run.StopAsync(Deadlines.Stop), Is.Zero, run.Output);

        var deadline = Deadlines.In(Patience);
        while (processes.Any(ProcessTable.IsAlive) && !deadline.Passed)
        {
            await Task.Delay(250);
        }

        var left = processes.Where(ProcessTable.IsAlive).Select(p => $"{p} {ProcessTable.Command(p)}");
        Assert.That(left, Is.Empty, $"processes of the run alive {deadline} after SIGTERM to `dotnet run`");
    }
}
