using Synkro.Hosting.Orchestration.Processes;
using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration.Runtimes;

/// <summary>
/// Runs one resource: starts it, probes its health, watches its processes and stops it.
/// Subclasses supply how to start, probe and stop; the lifecycle bookkeeping lives here once.
/// </summary>
internal abstract class ResourceRuntime(Resource resource, RunContext context, int replicaCount = 1)
{
    // Worst first: the resource shows the worst state among its replicas.
    private static readonly ResourceState[] Severity =
        [ResourceState.FailedToStart, ResourceState.Exited, ResourceState.Unhealthy, ResourceState.Stopped, ResourceState.Starting, ResourceState.Waiting, ResourceState.Running, ResourceState.Healthy];

    private TaskCompletionSource healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Replica[] replicas = [.. Enumerable.Range(0, replicaCount).Select(i => new Replica(i))];

    public Resource Resource { get; } = resource;

    protected RunContext Context { get; } = context;

    public abstract string Type { get; }

    /// <summary>
    /// Completes when the resource is first healthy and stays completed ("healthy once", as Aspire's WaitFor);
    /// fails if it exits or fails to start before that. A stop by command is no failure.
    /// </summary>
    public Task WhenHealthy => healthy.Task;

    /// <summary>Why the resource takes no stop/start commands, or null when it does.</summary>
    public virtual string? NoCommandsReason => null;

    public string? Message { get; private set; }

    public ResourceState State => replicas.Select(r => r.State).MinBy(s => Array.IndexOf(Severity, s));

    protected ChildProcess?[] Processes { get; } = new ChildProcess?[replicaCount];

    /// <summary>Starts the resource's processes (or does its one-off work); throws to report FailedToStart.</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    protected abstract Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken);

    protected virtual IReadOnlyList<EndpointSnapshot> Endpoints(int replica) => [];

    public virtual async Task StopAsync()
    {
        await Task.WhenAll(Processes.OfType<ChildProcess>().Select(p => p.StopAsync(TimeSpan.FromSeconds(10))));
    }

    public void SetAll(ResourceState state, string? message = null)
    {
        foreach (var replica in replicas)
        {
            replica.State = state;
            if (state == ResourceState.Stopped)
            {
                replica.Health = null;
                replica.ExitCode = null;
            }
        }

        Changed(message);
    }

    /// <summary>
    /// Begins a run (the first start or one by command) from a clean slate: no health, exit code, message or
    /// processes of an earlier run. The caller has stopped those processes already.
    /// </summary>
    public void BeginRun()
    {
        // A resource that failed before it was ever healthy may yet become healthy: new waiters get a new chance.
        if (healthy.Task.IsFaulted)
        {
            healthy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Array.Clear(Processes);
        foreach (var replica in replicas)
        {
            (replica.State, replica.Health, replica.ExitCode) = (ResourceState.Waiting, null, null);
        }

        Message = null;
        Changed(null);
    }

    /// <summary>
    /// Probes every replica until its process exits or the run ends (a stop command or the shutdown cancels the
    /// token): fast while starting, calmly once healthy. Each run, first or by command, has its own monitor.
    /// </summary>
    public Task MonitorAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(replicas.Select(r => MonitorReplicaAsync(r, cancellationToken)));

    private async Task MonitorReplicaAsync(Replica replica, CancellationToken cancellationToken)
    {
        var process = Processes[replica.Index];
        replica.State = ResourceState.Running;
        Changed(null);
        var exited = process?.Exited ?? Task.Delay(Timeout.Infinite, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (exited.IsCompleted)
            {
                replica.State = ResourceState.Exited;
                replica.ExitCode = process!.Exited.Result;
                replica.Health = null;
                Changed($"exited with code {replica.ExitCode}: {Context.LogFor(Resource.Name).LastLine()}");
                return;
            }

            var ok = await ProbeSafelyAsync(replica.Index, cancellationToken);
            if (cancellationToken.IsCancellationRequested || exited.IsCompleted)
            {
                continue;
            }

            if (ok || replica.Health is not null)
            {
                replica.Health = ok ? "Healthy" : "Unhealthy";
                replica.State = ok ? ResourceState.Healthy : ResourceState.Unhealthy;
                Changed(null);
            }

            var interval = replica.Health is null ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
            await Task.WhenAny(exited, Task.Delay(interval, cancellationToken));
        }
    }

    private async Task<bool> ProbeSafelyAsync(int replica, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            return await ProbeAsync(replica, timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A probe that throws is an unhealthy answer, not a crash of the AppHost.
            return false;
        }
    }

    protected void Changed(string? message)
    {
        if (message is not null)
        {
            Message = message;
        }

        var state = State;
        if (state == ResourceState.Healthy)
        {
            healthy.TrySetResult();
        }
        else if (state is ResourceState.FailedToStart or ResourceState.Exited)
        {
            healthy.TrySetException(new DependencyFailedException(Resource.Name, state));
        }

        Context.OnChanged(this);
    }

    public ResourceSnapshot Snapshot()
    {
        var replicaSnapshots = replicas
            .Select(r => new ReplicaSnapshot(r.Index, r.State, r.Health, r.State == ResourceState.Stopped ? null : Processes[r.Index]?.Pid, Endpoints(r.Index), r.ExitCode))
            .ToList();
        return new ResourceSnapshot(
            Resource.Name,
            Type,
            State,
            replicas.All(r => r.Health == "Healthy") ? "Healthy" : replicas.Any(r => r.Health == "Unhealthy") ? "Unhealthy" : null,
            replicaSnapshots[0].Pid,
            [.. replicaSnapshots.SelectMany(r => r.Endpoints)],
            replicaSnapshots,
            [.. Resource.WaitsFor.Select(d => d.Name)],
            replicas.FirstOrDefault(r => r.ExitCode is not null)?.ExitCode,
            Message);
    }

    private sealed class Replica(int index)
    {
        public int Index { get; } = index;

        public ResourceState State { get; set; } = ResourceState.Waiting;

        public string? Health { get; set; }

        public int? ExitCode { get; set; }
    }
}

/// <summary>A resource that others wait for failed; they fail too instead of hanging.</summary>
internal sealed class DependencyFailedException(string name, ResourceState state)
    : Exception($"dependency '{name}' {(state == ResourceState.Exited ? "exited" : "failed to start")}")
{
    public string Name { get; } = name;
}
