using System.Diagnostics;

namespace Synkro.Hosting.Orchestration.Processes;

/// <summary>A running child of the AppHost: its output goes to the resource's log, its exit is observable.</summary>
internal sealed class ChildProcess
{
    private readonly Process process;
    private readonly ChildProcessSpec spec;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, ChildProcessSpec spec)
    {
        this.process = process;
        this.spec = spec;
    }

    public int Pid { get; private set; }

    /// <summary>Completes with the exit code when the process ends, whoever ended it.</summary>
    public Task<int> Exited => exited.Task;

    public bool HasExited => exited.Task.IsCompleted;

    public static async Task<ChildProcess> StartAsync(ProcessLauncher launcher, ChildProcessSpec spec, ResourceLog log, string source)
    {
        var info = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? "",
        };
        if (spec.RunAsUser is { } user)
        {
            foreach (var arg in (string[])[$"--reuid={user}", $"--regid={user}", "--init-groups"])
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in (string[])["--pdeathsig", "SIGTERM", "--", spec.FileName, .. spec.Arguments])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, spec);
        process.OutputDataReceived += (_, e) => log.Write($"{source} out", e.Data);
        process.ErrorDataReceived += (_, e) => log.Write($"{source} err", e.Data);
        process.Exited += (_, _) => child.OnExited();
        await launcher.StartAsync(process);
        child.Pid = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void OnExited()
    {
        // WaitForExit drains the redirected output, so the log holds the last words before the exit is reported.
        process.WaitForExit();
        exited.TrySetResult(process.ExitCode);
    }

    /// <summary>Asks the process to stop with its own stop signal, then kills its whole tree after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, int? signalPid = null)
    {
        if (HasExited)
        {
            return;
        }

        Posix.Signal(signalPid ?? Pid, spec.StopSignal);
        if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
        {
            KillTree();
            await ((Task)Exited).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void KillTree()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the check and the kill.
        }
    }
}
