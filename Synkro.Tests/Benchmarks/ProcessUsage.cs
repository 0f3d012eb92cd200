using System.Globalization;

namespace Synkro.Tests.Benchmarks;

/// <summary>One reading of a process from /proc: CPU used so far, resident and proportional memory.</summary>
/// <remarks>PSS shares each page among the processes that map it, so summed it counts PostgreSQL's
/// shared buffers once rather than once per backend as RSS does.</remarks>
internal sealed record ProcessUsage(int Pid, long CpuTicks, long RssBytes, long PssBytes)
{
    /// <summary>USER_HZ, the unit of /proc's CPU times: 100 on every Linux this runs on.</summary>
    public const double TicksPerSecond = 100;

    public static Dictionary<int, ProcessUsage> Of(IEnumerable<int> pids) =>
        pids.Distinct().Select(Read).OfType<ProcessUsage>().ToDictionary(p => p.Pid);

    /// <summary>Ticks every CPU of the machine spent busy (not idle, not waiting for I/O).</summary>
    public static long MachineBusyTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(long.Parse).ToArray();
        return fields.Sum() - fields[3] - fields[4];
    }

    private static ProcessUsage? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime, fields 14 and 15 of stat(5), counted here from field 3.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ProcessUsage(pid, ticks, Kilobytes($"/proc/{pid}/status", "VmRSS:"), Kilobytes($"/proc/{pid}/smaps_rollup", "Pss:"));
        }
        catch (IOException)
        {
            return null; // exited meanwhile
        }
    }

    private static long Kilobytes(string path, string key) =>
        File.ReadLines(path).Where(l => l.StartsWith(key, StringComparison.Ordinal))
            .Select(l => long.Parse(l[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024).FirstOrDefault();
}
