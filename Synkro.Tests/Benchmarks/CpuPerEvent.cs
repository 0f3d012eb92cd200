using System.Globalization;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// Where a benchmark row's CPU went: every process of this benchmark's run (the probes it started, and
/// DCP with the servers it started for the in-process AppHost: ProcessTable.RunOf) read from /proc
/// before and after the row, grouped, in milliseconds of CPU per event. On two cores a pipeline is as
/// fast as its CPU per event lets it be.
/// </summary>
internal sealed class CpuPerEvent(IReadOnlyDictionary<int, string> named)
{
    public static readonly string[] Groups = ["publisher (outbox)", "consumer (inbox)", "PostgreSQL", "RabbitMQ", "this process (raw client, AppHost)", "other"];

    public Dictionary<int, ProcessUsage> Snapshot() =>
        ProcessUsage.Of(ProcessTable.RunOf(Environment.ProcessId));

    /// <summary>CPU milliseconds per event for each group, from two snapshots.</summary>
    public Dictionary<string, double> Between(Dictionary<int, ProcessUsage> before, Dictionary<int, ProcessUsage> after, int events) =>
        after.Values
            .GroupBy(p => GroupOf(p.Pid))
            .ToDictionary(g => g.Key, g => g.Sum(p => p.CpuTicks - (before.TryGetValue(p.Pid, out var b) ? b.CpuTicks : 0)) / ProcessUsage.TicksPerSecond * 1000 / events);

    public static string Row(string label, Dictionary<string, double> cpu) =>
        $"| {label} | {string.Join(" | ", Groups.Select(g => cpu.GetValueOrDefault(g).ToString("0.00", CultureInfo.InvariantCulture)))} | {cpu.Values.Sum().ToString("0.00", CultureInfo.InvariantCulture)} |";

    private string GroupOf(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return "this process (raw client, AppHost)";
        }

        for (int? id = pid; id is > 1; id = ProcessTable.Parent(id.Value))
        {
            if (named.TryGetValue(id.Value, out var name))
            {
                return name;
            }
        }

        var command = ProcessTable.Command(pid);
        return command.Contains("postgres", StringComparison.Ordinal) ? "PostgreSQL"
            : command.Contains("beam", StringComparison.Ordinal) || command.Contains("erl_child_setup", StringComparison.Ordinal) || command.Contains("epmd", StringComparison.Ordinal) || command.Contains("inet_gethost", StringComparison.Ordinal) ? "RabbitMQ"
            : "other";
    }
}
