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

    /// <summary>Every process started for a run directory (the AppHost tags its children with it).</summary>
    public static IReadOnlyList<int> TaggedWith(string runDirectory) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && IsAlive(pid) && HasTag(pid, runDirectory))];

    private static bool HasTag(int pid, string runDirectory)
    {
        try
        {
            return Environment(pid).TryGetValue("SYNKRO_APPHOST_RUN_DIR", out var dir) && dir == Path.GetFullPath(runDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
