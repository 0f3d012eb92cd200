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

    /// <summary>SIGTERM, as a service manager sends it (a job started from a script ignores SIGINT).</summary>
    /// <returns>False when the signal could not be sent (errno in Marshal.GetLastPInvokeError).</returns>
    public static bool Terminate(int pid) => Kill(pid, 15) == 0;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
