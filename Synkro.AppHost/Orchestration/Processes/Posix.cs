using System.Runtime.InteropServices;

namespace Synkro.Hosting.Orchestration.Processes;

/// <summary>The few POSIX calls .NET does not expose: sending a chosen signal, and finding a process's children.</summary>
internal static partial class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/>; false when the process is already gone.</summary>
    public static bool Signal(int pid, int signal) => SysKill(pid, signal) == 0;

    public static bool IsAlive(int pid) => pid > 0 && Directory.Exists($"/proc/{pid}") && !IsZombie(pid);

    public static IReadOnlyList<int> Children(int pid)
    {
        try
        {
            return [.. File.ReadAllText($"/proc/{pid}/task/{pid}/children")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(int.Parse)];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>The environment a process was started with, or empty when it is gone or not ours to read.</summary>
    public static IEnumerable<string> Environment(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            // The state is the field after the parenthesised command name: "123 (name) Z ...".
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
