using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Synkro.Hosting.Orchestration.Processes;
using Synkro.Hosting.Orchestration.Runtimes;

namespace Synkro.Hosting.Orchestration;

/// <summary>What every resource runtime of one AppHost run shares: paths, the launcher, logs, binaries.</summary>
internal sealed class RunContext(
    RunDirectory directory,
    ServerBinaries binaries,
    IConfiguration configuration,
    ILogger logger,
    Action<ResourceRuntime> onChanged) : IDisposable
{
    /// <summary>Every child carries this variable so a later run can find and stop what a killed AppHost left behind.</summary>
    public const string RunDirectoryVariable = "SYNKRO_APPHOST_RUN_DIR";

    private readonly ConcurrentDictionary<string, ResourceLog> logs = new();

    public RunDirectory Directory { get; } = directory;

    public ServerBinaries Binaries { get; } = binaries;

    public IConfiguration Configuration { get; } = configuration;

    public ILogger Logger { get; } = logger;

    public ProcessLauncher Launcher { get; } = new();

    public string RunId { get; } = Guid.CreateVersion7().ToString("N")[..12];

    /// <summary>PostgreSQL refuses to run as root, so servers run as their Debian system user when we are root.</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Where services send OTLP telemetry, when a receiver is configured (Aspire's dashboard variable).</summary>
    public string? OtlpEndpoint => Configuration["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"] is { Length: > 0 } url ? url : null;

    public ResourceLog LogFor(string resource) =>
        logs.GetOrAdd(resource, name => new ResourceLog(Path.Combine(Directory.Logs, $"{name}.log")));

    public void OnChanged(ResourceRuntime runtime) => onChanged(runtime);

    public ChildProcessSpec Tag(ChildProcessSpec spec)
    {
        spec.Environment[RunDirectoryVariable] = Directory.Root;
        return spec;
    }

    public void Dispose()
    {
        Launcher.Dispose();
        foreach (var log in logs.Values)
        {
            log.Dispose();
        }
    }
}
