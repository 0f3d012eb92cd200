using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Synkro.Tests.Hosting;

/// <summary>
/// Synkro.AppHost run the way a user runs it: its own process (<c>dotnet Synkro.AppHost.dll</c>), its own
/// run directory, and the dashboard, OTLP and resource-service endpoints on free ports so that runs on the
/// same machine do not collide. The test reads only what a user or script can: the console and state.json.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<string> loginUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private bool ownsRunDirectory;

    private AppHostProcess(Process process, string runDirectory, Uri dashboard)
    {
        this.process = process;
        RunDirectory = runDirectory;
        Dashboard = dashboard;
    }

    public string RunDirectory { get; }

    public Uri Dashboard { get; }

    /// <summary>The process the test started: the AppHost, or `dotnet run` above it.</summary>
    public int Pid => process.Id;

    /// <summary>Everything the AppHost wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get { lock (output) { return output.ToString(); } }
    }

    /// <summary>Starts the AppHost built beside the tests (Debug or Release, whichever was built last).</summary>
    /// <param name="runDirectory">A directory the caller keeps (and deletes); a throw-away one when null.</param>
    public static AppHostProcess Start(string? runDirectory = null, params string[] arguments) =>
        Launch([AppHostAssembly()], runDirectory, arguments);

    /// <summary>
    /// Starts it as the README does, <c>dotnet run --project Synkro.AppHost</c>, so the process is the
    /// SDK's, with the AppHost its child. No build (the tests built it) and no launch profile (its
    /// fixed ports could be taken); the environment is the profile's, on free ports.
    /// </summary>
    public static AppHostProcess RunProject(string? runDirectory = null, params string[] arguments) =>
        RunProject(new Dictionary<string, string>(), runDirectory, build: false, arguments);

    /// <param name="environment">Added to the AppHost's environment, which the services inherit.</param>
    /// <param name="build">Let `dotnet run` check that the solution is built, as a developer's run does.</param>
    public static AppHostProcess RunProject(IReadOnlyDictionary<string, string> environment, string? runDirectory = null, bool build = false, params string[] arguments)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(AppHostAssembly())));
        string[] command = ["run", "--project", Path.Combine(Repository.Root, "Synkro.AppHost"), "-c", configuration!, .. build ? Array.Empty<string>() : ["--no-build"], "--no-launch-profile", "--"];
        return Launch(command, runDirectory, arguments, environment);
    }

    private static AppHostProcess Launch(string[] command, string? runDirectory, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var owns = runDirectory is null;
        runDirectory ??= Directory.CreateTempSubdirectory("synkro-run-").FullName;
        var dashboard = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var part in command)
        {
            start.ArgumentList.Add(part);
        }

        start.ArgumentList.Add("--run-dir");
        start.ArgumentList.Add(runDirectory);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // What the launch profile "http" sets, on this run's own ports.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = dashboard.ToString().TrimEnd('/');
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePorts.Next()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePorts.Next()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var appHost = new AppHostProcess(new Process { StartInfo = start }, runDirectory, dashboard) { ownsRunDirectory = owns };
        appHost.process.OutputDataReceived += (_, e) => appHost.Record(e.Data);
        appHost.process.ErrorDataReceived += (_, e) => appHost.Record(e.Data);
        appHost.process.Start();
        appHost.process.BeginOutputReadLine();
        appHost.process.BeginErrorReadLine();
        return appHost;
    }

    /// <summary>The dashboard's login address with this run's token, as printed on the console.</summary>
    public async Task<string> WaitForLoginUrlAsync(TimeSpan timeout)
    {
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(loginUrl.Task, exited).WaitAsync(timeout);
        return first == loginUrl.Task ? await loginUrl.Task : throw new AssertionException($"The AppHost exited ({process.ExitCode}) before printing a login URL:\n{Output}");
    }

    public RunState? ReadState()
    {
        var path = Path.Combine(RunDirectory, "state.json");
        // The AppHost replaces the file in one move, so a file that exists is complete.
        // A file left by an earlier run of the same directory is not this run's state. Under `dotnet run`
        // the AppHost is the SDK process's child.
        var state = File.Exists(path) ? JsonSerializer.Deserialize<RunState>(File.ReadAllText(path), RunState.Json) : null;
        return state is not null && (state.AppHostPid == process.Id || ProcessTable.Parent(state.AppHostPid) == process.Id) ? state : null;
    }

    /// <summary>Polls state.json until "status" is "Healthy"; fails at once if the AppHost exits or reports "Unhealthy".</summary>
    public async Task<RunState> WaitForHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        RunState? state = null;
        while (deadline.Elapsed < timeout)
        {
            state = ReadState();
            if (state?.Status == "Healthy")
            {
                return state;
            }

            if (process.HasExited || state?.Status == "Unhealthy")
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new AssertionException($"Not healthy after {deadline.Elapsed:mm\\:ss} (exited: {process.HasExited}); last state:\n{Describe(state)}\nOutput:\n{Output}");
    }

    /// <summary>Stops the AppHost as Ctrl+C or a service manager would (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!process.HasExited && !ProcessTable.Terminate(process.Id))
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new AssertionException($"The AppHost did not exit within {timeout} of SIGTERM; killed it.\n{Output}");
        }

        return process.ExitCode;
    }

    /// <summary>kill -9 of the AppHost alone, as a crash or the OOM killer would: nothing of it gets to clean up.</summary>
    public async Task KillHardAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                await StopAsync(Deadlines.Stop);
            }
            catch (AssertionException)
            {
                // Already killed; a test that got here has failed for another reason, which is the one to report.
            }
        }

        process.Dispose();
        if (ownsRunDirectory)
        {
            Directory.Delete(RunDirectory, recursive: true);
        }
    }

    private static string Describe(RunState? state) =>
        state is null ? "(no state.json)" : string.Join('\n', state.Resources.Select(r => $"  {r.Name}: {r.State} {r.Health} {r.ExitCode}"));

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (LoginUrlPattern().Match(line) is { Success: true } match)
        {
            loginUrl.TrySetResult(match.Groups["url"].Value);
        }
    }

    private static string AppHostAssembly()
    {
        var repo = Repository.Root;
        var built = new[] { "Debug", "Release" }
            .Select(c => new FileInfo(Path.Combine(repo, "Synkro.AppHost", "bin", c, "net10.0", "Synkro.AppHost.dll")))
            .Where(f => f.Exists).OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault();
        return built?.FullName ?? throw new InvalidOperationException($"Synkro.AppHost is not built under {repo}: run `dotnet build Synkro.AppHost`.");
    }

    [GeneratedRegex(@"Login to the dashboard at (?<url>https?://[^\s\x1b]+)")]
    private static partial Regex LoginUrlPattern();
}

/// <summary>The test side's reading of <c>{run-dir}/state.json</c> (written by Synkro.AppHost/Hosting/StateFile.cs).</summary>
/// <summary>state.json: <see cref="HealthyAfter"/> and each resource's times are seconds after the AppHost's process started.</summary>
public sealed record RunState(int AppHostPid, string Status, double? HealthyAfter, IReadOnlyList<RunResource> Resources, string? Dashboard)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public RunResource this[string name] =>
        Resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource '{name}' in state.json.");
}

/// <summary>A resource, or one replica of it (<see cref="ReplicaOf"/> names the resource).</summary>
public sealed record RunResource(
    string Name, string? Type, string? State, string? Health, int? Pid, int? ExitCode, IReadOnlyList<RunEndpoint> Endpoints, string? ReplicaOf,
    double? StartedAfter, double? ReadyAfter)
{
    public Uri Http => new(Endpoints.FirstOrDefault(e => e.Url.StartsWith("http://", StringComparison.Ordinal))?.Url
        ?? throw new InvalidOperationException($"'{Name}' has no http endpoint."));
}

public sealed record RunEndpoint(string Name, string Url);
