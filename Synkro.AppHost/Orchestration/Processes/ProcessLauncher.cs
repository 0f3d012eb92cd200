using System.Collections.Concurrent;
using System.Diagnostics;

namespace Synkro.Hosting.Orchestration.Processes;

/// <summary>
/// Starts every child process from one long-lived thread. Children get <c>setpriv --pdeathsig SIGTERM</c>
/// so they stop when the AppHost dies, even by kill -9; Linux sends that signal when the *thread*
/// that forked the child exits, so forking from pool threads would stop children at random.
/// </summary>
internal sealed class ProcessLauncher : IDisposable
{
    private readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> queue = [];

    public ProcessLauncher()
    {
        new Thread(Run) { IsBackground = true, Name = "synkro-process-launcher" }.Start();
    }

    public Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Add((process, started));
        return started.Task;
    }

    private void Run()
    {
        foreach (var (process, started) in queue.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }

    // Completing the queue ends the loop, but the thread itself must outlive every child, so it is a
    // background thread that ends with the process.
    public void Dispose() => queue.CompleteAdding();
}
