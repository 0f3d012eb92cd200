using Synkro.Hosting.Orchestration.Processes;

namespace Synkro.Hosting.Orchestration;

/// <summary>
/// Finds processes started for a run directory, by the variable every child carries, and stops them.
/// Used before a start (after an AppHost was killed with -9) and after a stop, as the final sweep.
/// </summary>
internal static class StaleProcessReaper
{
    public static IReadOnlyList<int> Find(string runDirectory)
    {
        var tag = $"{RunContext.RunDirectoryVariable}={runDirectory}";
        return [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && Posix.Environment(pid).Contains(tag))];
    }

    /// <summary>SIGINT and SIGTERM, a grace period, then SIGKILL for what is left; returns how many were found.</summary>
    public static async Task<int> StopAllAsync(string runDirectory, TimeSpan grace)
    {
        var pids = Find(runDirectory);
        foreach (var pid in pids)
        {
            // Not knowing which server a pid is: SIGINT is PostgreSQL's fast shutdown (SIGTERM alone would wait
            // for its clients), SIGTERM the graceful stop of the others; each takes the first it understands.
            Posix.Signal(pid, Posix.SigInt);
            Posix.Signal(pid, Posix.SigTerm);
        }

        var deadline = DateTime.UtcNow + grace;
        while (pids.Any(Posix.IsAlive) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        foreach (var pid in pids.Where(Posix.IsAlive))
        {
            Posix.Signal(pid, Posix.SigKill);
        }

        return pids.Count;
    }
}
