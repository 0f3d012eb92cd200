namespace Synkro.Tests.Hosting;

/// <summary>What /proc says about processes: the black-box view a test needs of the AppHost's children.</summary>
public static class ProcessTable
{
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The environment a process started with, as NAME → value.</summary>
    public static IReadOnlyDictionary<string, string> Environment(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);

    /// <summary>
    /// CPU time used so far by a process and its descendants: DCP may start a project through a
    /// launcher (<c>dotnet run</c>) whose own process does none of the work.
    /// </summary>
    public static TimeSpan CpuTime(int pid) =>
        Descendants(pid).Prepend(pid).Aggregate(TimeSpan.Zero, (sum, id) =>
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(id);
                return sum + process.TotalProcessorTime;
            }
            catch (ArgumentException)
            {
                return sum; // exited meanwhile
            }
        });

    /// <summary>
    /// Every process of one AppHost run: the AppHost and what it started, DCP (which daemonizes, so
    /// it is found by the AppHost pid it monitors) and everything DCP started, servers and services.
    /// </summary>
    public static IReadOnlyList<int> RunOf(int appHost) =>
        [.. Commands().Where(p => p.Command.Contains($"--monitor\0{appHost}\0", StringComparison.Ordinal)).Select(p => p.Pid)
            .Append(appHost).SelectMany(pid => Descendants(pid).Prepend(pid)).Distinct()];

    /// <summary>The command line of a process, arguments joined with spaces ("" once it has exited).</summary>
    public static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public static int? Parent(int pid) => Parents().TryGetValue(pid, out var parent) ? parent : null;

    public static IEnumerable<int> Descendants(int pid)
    {
        var parents = Parents();
        var found = new List<int>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(entry => entry.Value == parent).Select(entry => entry.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    private static Dictionary<int, int> Parents()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var id))
            {
                try
                {
                    var stat = File.ReadAllText($"{dir}/stat");
                    parents[id] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // exited meanwhile
                }
            }
        }

        return parents;
    }

    private static IEnumerable<(int Pid, string Command)> Commands()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var id))
            {
                string command;
                try
                {
                    command = File.ReadAllText($"{dir}/cmdline");
                }
                catch (IOException)
                {
                    continue; // exited meanwhile
                }

                yield return (id, command);
            }
        }
    }

    /// <summary>SIGKILL to a process and everything under it, deepest first: a crash, not a shutdown.</summary>
    public static void KillTree(int pid)
    {
        foreach (var id in Descendants(pid).Reverse().Append(pid))
        {
            _ = Kill(id, 9);
        }
    }

    /// <summary>SIGTERM, as a service manager sends it (a job started from a script ignores SIGINT).</summary>
    /// <returns>False when the signal could not be sent (errno in Marshal.GetLastPInvokeError).</returns>
    public static bool Terminate(int pid) => Kill(pid, 15) == 0;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
