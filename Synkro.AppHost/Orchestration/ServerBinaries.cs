using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Synkro.Hosting.Orchestration;

/// <summary>
/// Finds the Debian server binaries the AppHost runs (configurable as <c>Servers:{kind}:Path</c>) and,
/// when one is missing, installs its package (as root or with passwordless sudo) or explains in one line.
/// </summary>
internal sealed partial class ServerBinaries(IConfiguration configuration, ILogger logger, bool noInstall)
{
    private sealed record Server(string Kind, string Package, Func<string?> Find);

    private static readonly Server[] Servers =
    [
        new("postgres", "postgresql", () => Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin", "postgres")).FirstOrDefault(File.Exists)
            : null),
        new("redis", "redis-server", () => FirstExisting("/usr/bin/redis-server")),
        new("rabbitmq", "rabbitmq-server", () => FirstExisting("/usr/lib/rabbitmq/bin/rabbitmq-server")),
        new("epmd", "erlang-base", () => FirstExisting("/usr/bin/epmd", "/usr/lib/erlang/bin/epmd")),
    ];

    private readonly Dictionary<string, string> found = [];

    public string Postgres => Resolved("postgres");

    public string InitDb => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Postgres)!, "initdb");

    public string Redis => Resolved("redis");

    public string RabbitMQ => Resolved("rabbitmq");

    public string Epmd => Resolved("epmd");

    private string Resolved(string kind) => found.TryGetValue(kind, out var path)
        ? path
        : throw new InvalidOperationException($"Server binary '{kind}' was not resolved before use.");

    /// <summary>Resolves the binaries of the given kinds, installing missing packages when allowed; throws <see cref="AppHostException"/> otherwise.</summary>
    public async Task EnsureAsync(IReadOnlyCollection<string> kinds, CancellationToken cancellationToken)
    {
        var wanted = Servers.Where(s => kinds.Contains(s.Kind)).ToList();
        var missing = wanted.Where(s => !TryResolve(s)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var configured = missing.FirstOrDefault(s => configuration[$"Servers:{s.Kind}:Path"] is not null);
        var installer = noInstall || configured is not null ? null : Installer();
        if (installer is null)
        {
            var server = configured ?? missing[0];
            var where = configuration[$"Servers:{server.Kind}:Path"] ?? "its usual place";
            throw new AppHostException(
                $"{server.Kind} server not found at {where}: install the Debian package '{server.Package}' (apt-get install {string.Join(' ', missing.Select(s => s.Package))}).");
        }

        var packages = missing.Select(s => s.Package).Distinct().ToArray();
        LogInstalling(logger, string.Join(", ", packages));
        await RunAsync(installer, ["apt-get", "update", "-q"], cancellationToken);
        await RunAsync(installer, ["apt-get", "install", "-y", "-q", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300", .. packages], cancellationToken);
        if (missing.FirstOrDefault(s => !TryResolve(s)) is { } still)
        {
            throw new AppHostException($"{still.Kind} server still not found after installing '{still.Package}'.");
        }
    }

    private bool TryResolve(Server server)
    {
        var path = configuration[$"Servers:{server.Kind}:Path"] ?? server.Find();
        if (path is null || !File.Exists(path))
        {
            return false;
        }

        found[server.Kind] = path;
        return true;
    }

    /// <summary>The command prefix that may install Debian packages here, or null when none may.</summary>
    private static string[]? Installer()
    {
        if (!File.Exists("/etc/debian_version") || !File.Exists("/usr/bin/apt-get"))
        {
            return null;
        }

        if (Environment.IsPrivilegedProcess)
        {
            return [];
        }

        return File.Exists("/usr/bin/sudo") && Process.Start(new ProcessStartInfo("sudo", ["-n", "true"]) { RedirectStandardError = true }) is { } sudo
            && sudo.WaitForExit(5000) && sudo.ExitCode == 0
            ? ["sudo", "-n", "DEBIAN_FRONTEND=noninteractive"]
            : null;
    }

    private async Task RunAsync(string[] prefix, string[] command, CancellationToken cancellationToken)
    {
        string[] all = [.. prefix, .. command];
        var info = new ProcessStartInfo(all[0], all[1..]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info)!;
        // Package installs take a while; echoing apt's own lines is the progress a user expects.
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) LogInstallProgress(logger, line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) LogInstallProgress(logger, line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new AppHostException($"'{string.Join(' ', command)}' failed with exit code {process.ExitCode}; see the lines above.");
        }
    }

    private static string? FirstExisting(params string[] paths) => paths.FirstOrDefault(File.Exists);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Installing missing server packages: {Packages}")]
    private static partial void LogInstalling(ILogger logger, string packages);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "apt: {Line}")]
    private static partial void LogInstallProgress(ILogger logger, string line);
}
