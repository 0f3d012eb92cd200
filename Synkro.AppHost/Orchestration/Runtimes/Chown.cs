using System.Diagnostics;

namespace Synkro.Hosting.Orchestration.Runtimes;

/// <summary>Hands files to a system user; .NET has no chown, and the coreutils one is on every Debian machine.</summary>
internal static class Chown
{
    public static async Task RunAsync(string user, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("chown", ["-R", $"{user}:{user}", .. paths]) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown to {user} failed: {error.Trim()}");
        }
    }
}
