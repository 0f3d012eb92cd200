using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Synkro.Tests.Hosting;

/// <summary>
/// The role of Aspire.Hosting.Testing: runs Synkro.AppHost as its own process (as a user would, with
/// <c>--headless --run-dir</c>), waits for health through state.json, and hands out HTTP clients and
/// connection strings by resource name.
/// </summary>
public sealed partial class TestAppHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly bool ownsRunDirectory;

    private TestAppHost(Process process, string runDirectory, bool ownsRunDirectory)
    {
        this.process = process;
        RunDirectory = runDirectory;
        this.ownsRunDirectory = ownsRunDirectory;
    }

    public string RunDirectory { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the AppHost printed on stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static TestAppHost Start(TestAppHostOptions? options = null)
    {
        options ??= new TestAppHostOptions();
        var owns = options.RunDirectory is null;
        var runDirectory = options.RunDirectory ?? NewRunDirectory();
        var info = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args = [new Projects.Synkro_AppHost().TargetPath, "--headless", "--run-dir", runDirectory];
        if (options.Only.Count > 0)
        {
            args = [.. args, "--only", string.Join(',', options.Only)];
        }

        foreach (var arg in args.Concat(options.ExtraArguments))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in options.Environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var host = new TestAppHost(process, runDirectory, owns);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public static string NewRunDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "synkro-tests", Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>This AppHost's state.json; null until it has written one (a file left by an earlier run does not count).</summary>
    public AppHostState? ReadState() =>
        ReadJson<AppHostState>(Path.Combine(RunDirectory, "state.json")) is { } state && state.AppHostPid == process.Id ? state : null;

    public AppHostSecrets Secrets =>
        ReadJson<AppHostSecrets>(Path.Combine(RunDirectory, "secrets.json")) ?? throw new InvalidOperationException("secrets.json is not written yet.");

    public string GetConnectionString(string resource) =>
        Secrets.ConnectionStrings.TryGetValue(resource, out var value) ? value : throw new KeyNotFoundException($"No connection string for '{resource}'.");

    /// <summary>An HttpClient whose base address is the resource's first (or given) replica.</summary>
    public HttpClient CreateHttpClient(string resource, int replica = 0)
    {
        var url = (ReadState() ?? throw new InvalidOperationException("state.json is not written yet."))[resource].Replicas[replica].Endpoints[0].Url;
        return new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// Waits until every started resource is healthy (one stopped by command does not count against it); fails fast,
    /// with the reasons, when one fails or the AppHost exits.
    /// </summary>
    public Task<AppHostState> WaitForHealthyAsync(TimeSpan? timeout = null) =>
        WaitForAsync(s => s.Status == "Healthy", timeout ?? TimeSpan.FromMinutes(5), "all resources healthy", failFast: true);

    public Task<AppHostState> WaitForAsync(Func<AppHostState, bool> condition, TimeSpan timeout, string what, bool failFast = false) =>
        WaitForAsync(condition, timeout, what, _ => failFast);

    /// <summary>Waits for <paramref name="condition"/>; fails fast when a resource that <paramref name="watched"/> selects fails or exits.</summary>
    private async Task<AppHostState> WaitForAsync(Func<AppHostState, bool> condition, TimeSpan timeout, string what, Func<ResourceStatus, bool> watched)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = ReadState();
            if (state is not null && condition(state))
            {
                return state;
            }

            // A resource stopped by command is Stopped, not Exited: no failure to give up on.
            var failed = state?.Resources.Where(r => r.State is "FailedToStart" or "Exited").ToList() ?? [];
            if (process.HasExited || DateTime.UtcNow > deadline || failed.Any(watched))
            {
                var reasons = string.Join("; ", failed.Select(r => $"{r.Name}: {r.State} {r.Message}"));
                throw new TimeoutException(
                    $"AppHost did not reach '{what}' (exited: {process.HasExited}; {reasons}).\nState: {state?.Status}\nOutput:\n{Tail(Output, 40)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM, as Ctrl+C or a service manager would send, then waits for the AppHost to exit.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!process.HasExited)
        {
            _ = Kill(process.Id, SigTerm);
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token);
        }

        return process.ExitCode;
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
    }

    /// <summary>kill -9 of the AppHost alone: its children are left to their parent-death signal and the next start.</summary>
    public async Task KillHardAsync()
    {
        _ = Kill(process.Id, SigKill);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await StopAsync();
        }

        process.Dispose();
        if (ownsRunDirectory)
        {
            try
            {
                Directory.Delete(RunDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A server may still be flushing into its data directory; /tmp is cleaned by the OS anyway.
            }
        }
    }

    private static T? ReadJson<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), AppHostState.Json);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return default;
        }
    }

    private static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));

    private static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    public const int SigTerm = 15;
    public const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);
}
