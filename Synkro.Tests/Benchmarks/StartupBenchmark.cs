using System.Diagnostics;
using System.Globalization;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// Seconds from <c>dotnet run --project Synkro.AppHost</c> to every resource healthy, as a developer
/// starts it: "cold" in a new run directory (initdb, the broker's first boot, migrations), "warm" in
/// the same one again (the goal's figure: built, with <c>dotnet run</c>'s up-to-date check), and warm
/// with <c>--no-build</c>. Then the median warm run's timeline per resource, from the times state.json
/// keeps. <c>eng/measure-startup.sh [runs]</c> builds and runs it; the AppHost is whichever
/// configuration was built last.
/// </summary>
public static class StartupBenchmark
{
    private static readonly TimeSpan Teardown = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine($"load average before: {MachineLoad.Now}");
        Console.WriteLine();
        Console.WriteLine("| run | cold start (s) | warm start (s) | warm, --no-build (s) |");
        Console.WriteLine("|---|---:|---:|---:|");
        var warm = new List<Start>();
        for (var i = 1; i <= runs; i++)
        {
            var directory = Directory.CreateTempSubdirectory("synkro-startup-").FullName;
            try
            {
                var cold = await MeasureAsync(directory, build: true);
                warm.Add(await MeasureAsync(directory, build: true));
                var noBuild = await MeasureAsync(directory, build: false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {i} | {cold.Seconds:0.0} | {warm[^1].Seconds:0.0} | {noBuild.Seconds:0.0} |"));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        var median = warm.OrderBy(s => s.Seconds).ElementAt(warm.Count / 2);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median warm start: {median.Seconds:0.0} s (goal: 15 s, 20 s at worst); its timeline, seconds after `dotnet run` started:"));
        Console.WriteLine();
        Console.WriteLine("| resource | started | ready (healthy or finished) |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| dotnet run (the SDK's up-to-date check), then the AppHost | 0.0 | {median.AppHostAfter:0.0} |"));
        foreach (var resource in median.State.Resources.Where(r => r.StartedAfter is not null || r.ReadyAfter is not null).OrderBy(r => r.ReadyAfter ?? double.MaxValue))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {resource.Name} | {median.AppHostAfter + resource.StartedAfter:0.0} | {median.AppHostAfter + resource.ReadyAfter:0.0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **every resource healthy** | | **{median.Seconds:0.0}** |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU the same run's processes had used by then ({Environment.ProcessorCount} cores, so {Environment.ProcessorCount * median.Seconds:0} CPU seconds at most; processes that had already exited are not counted):"));
        Console.WriteLine();
        Console.WriteLine("| processes | CPU (s) |");
        Console.WriteLine("|---|---:|");
        foreach (var (group, seconds) in median.Cpu.OrderByDescending(c => c.Value))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group} | {seconds:0.0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **all** | **{median.Cpu.Values.Sum():0.0}** |"));
        Console.WriteLine();
        Console.WriteLine($"load average after: {MachineLoad.Now}");
        return 0;
    }

    /// <summary>One start, measured by the AppHost's own clock (state.json) from its process start, plus the SDK's time before it.</summary>
    private static async Task<Start> MeasureAsync(string directory, bool build)
    {
        await using var run = AppHostProcess.RunProject(new Dictionary<string, string>(), directory, build);
        var launched = Process.GetProcessById(run.Pid).StartTime;
        var state = await run.WaitForHealthyAsync(Deadlines.AppHostStart);
        var appHostAfter = (Process.GetProcessById(state.AppHostPid).StartTime - launched).TotalSeconds;
        var processes = ProcessTable.RunOf(state.AppHostPid).Append(run.Pid).ToList();
        var labels = IdleBenchmark.Labels(state);
        var cpu = ProcessUsage.Of(processes).Values
            .GroupBy(p => IdleBenchmark.Label(p.Pid, run.Pid, labels))
            .ToDictionary(g => g.Key, g => g.Sum(p => p.CpuTicks) / ProcessUsage.TicksPerSecond);
        await run.StopAsync(Deadlines.Stop);

        // The next start must not share the cores with this one's teardown (DCP stops every resource after the AppHost).
        var deadline = Deadlines.In(Teardown);
        while (processes.Any(ProcessTable.IsAlive) && !deadline.Passed)
        {
            await Task.Delay(100);
        }

        return new Start(appHostAfter + state.HealthyAfter!.Value, appHostAfter, state, cpu);
    }

    /// <param name="Cpu">CPU seconds each group of the run's processes had used by the time it was healthy.</param>
    private sealed record Start(double Seconds, double AppHostAfter, RunState State, Dictionary<string, double> Cpu);
}
