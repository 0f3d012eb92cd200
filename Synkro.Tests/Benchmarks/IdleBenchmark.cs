using System.Globalization;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// What the whole system costs with nothing running against it: <c>dotnet run --project
/// Synkro.AppHost</c> as a user starts it (servers, services, DCP, the dashboard), healthy, then
/// left alone. CPU and memory of every process of the run over a window, grouped by resource.
/// <c>dotnet run -c Release --project Synkro.Tests -- bench idle [window seconds] [settle seconds] [NAME=value ...]</c>;
/// each NAME=value goes into the AppHost's environment (and so the services'), to measure a variant.
/// </summary>
public static class IdleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var numbers = args.Where(a => !a.Contains('=', StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var window = TimeSpan.FromSeconds(numbers.ElementAtOrDefault(0) is > 0 and var w ? w : 60);
        // After healthy, the JIT keeps recompiling what the timers run (tier 1, PGO) for a minute or two:
        // that is start-up, not idling.
        var settle = TimeSpan.FromSeconds(numbers.ElementAtOrDefault(1) is > 0 and var t ? t : 120);
        var variant = args.Where(a => a.Contains('=', StringComparison.Ordinal)).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        await using var run = AppHostProcess.RunProject(variant);
        var state = await run.WaitForHealthyAsync(TimeSpan.FromMinutes(5));
        await Task.Delay(settle);

        Console.WriteLine($"Idle benchmark: {Environment.ProcessorCount} cores; the whole system healthy, then {settle.TotalSeconds:0} s to settle and a {window.TotalSeconds:0} s window");
        Console.WriteLine($"variant: {(variant.Count > 0 ? string.Join(' ', variant.Select(v => $"{v.Key}={v.Value}")) : "as configured")}");
        Console.WriteLine($"load average before: {MachineLoad.Now}");
        var machineBefore = ProcessUsage.MachineBusyTicks();
        var before = ProcessUsage.Of(ProcessTable.RunOf(state.AppHostPid).Append(run.Pid));
        await Task.Delay(window);
        var after = ProcessUsage.Of(ProcessTable.RunOf(state.AppHostPid).Append(run.Pid));
        var machine = (ProcessUsage.MachineBusyTicks() - machineBefore) / ProcessUsage.TicksPerSecond / window.TotalSeconds;

        var labels = Labels(run.ReadState() ?? state);
        var rows = after.Values
            .Select(p => (Label: Label(p.Pid, run.Pid, labels), p, Cpu: (p.CpuTicks - (before.TryGetValue(p.Pid, out var b) ? b.CpuTicks : p.CpuTicks)) / ProcessUsage.TicksPerSecond / window.TotalSeconds))
            .GroupBy(r => r.Label)
            .Select(g => (Label: g.Key, Processes: g.Count(), Cpu: g.Sum(r => r.Cpu), Rss: g.Sum(r => r.p.RssBytes), Pss: g.Sum(r => r.p.PssBytes)))
            .OrderByDescending(r => r.Cpu)
            .ToList();

        Console.WriteLine();
        Console.WriteLine("| process | count | CPU (% of a core) | RSS (MiB) | PSS (MiB) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Label} | {row.Processes} | {row.Cpu * 100:0.0} | {Mib(row.Rss)} | {Mib(row.Pss)} |");
        }

        var (cpu, rss, pss) = (rows.Sum(r => r.Cpu), rows.Sum(r => r.Rss), rows.Sum(r => r.Pss));
        Console.WriteLine($"| **all {rows.Sum(r => r.Processes)} processes** | | **{cpu * 100:0.0}** | **{Mib(rss)}** | **{Mib(pss)}** |");
        Console.WriteLine();
        Console.WriteLine($"the whole machine meanwhile: {machine * 100:0.0} % of a core busy");
        Console.WriteLine($"goals: CPU at most 15 % of a core ({(cpu <= 0.15 ? "met" : "not met")}), memory at most 2048 MiB (RSS {(rss <= 2L << 30 ? "met" : "not met")}, PSS {(pss <= 2L << 30 ? "met" : "not met")})");
        Console.WriteLine($"load average after: {MachineLoad.Now}");
        return 0;
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Resource pids from state.json: a project instance's is the `dotnet run` DCP starts it with.</summary>
    internal static Dictionary<int, string> Labels(RunState state) =>
        state.Resources.Where(r => r.Pid is not null && r.State == "Running").ToDictionary(r => r.Pid!.Value, r => r.ReplicaOf ?? r.Name);

    /// <summary>A process counts for the nearest ancestor that is a resource: postgres' backends, a project's service under its launcher.</summary>
    internal static string Label(int pid, int dotnetRun, Dictionary<int, string> labels)
    {
        var own = ProcessTable.Command(pid);
        if (own.StartsWith("dotnet run ", StringComparison.Ordinal))
        {
            // DCP starts each project instance as `dotnet run --no-build`, which stays as its parent.
            return pid == dotnetRun ? "dotnet run (the SDK, above the AppHost)" : "project launchers (dotnet run, one per instance)";
        }

        if (own.Contains("Synkro.AppHost", StringComparison.Ordinal))
        {
            return "AppHost";
        }

        for (int? id = pid; id is > 1; id = ProcessTable.Parent(id.Value))
        {
            if (labels.TryGetValue(id.Value, out var label))
            {
                return label;
            }

            var command = ProcessTable.Command(id.Value);
            if (command.Contains("Aspire.Dashboard", StringComparison.Ordinal))
            {
                return "dashboard";
            }

            if (command.Contains("/dcp ", StringComparison.Ordinal) || command.Contains("/dcpctrl", StringComparison.Ordinal))
            {
                return "DCP";
            }
        }

        return ProcessTable.Command(pid) is { Length: > 0 } c ? c.Split(' ')[0] : $"pid {pid}";
    }
}
