using Synkro.Hosting.Orchestration.Runtimes;

namespace Synkro.Hosting.Orchestration.State;

/// <summary>Keeps <c>state.json</c> current: rewritten (atomically) on every change of any resource.</summary>
internal sealed class StateStore(string path)
{
    private readonly Lock gate = new();
    private IReadOnlyList<ResourceRuntime> runtimes = [];
    private string runId = "";
    private string? controlUrl;
    private bool stopping;
    private bool stopped;

    public event Action<RunSnapshot>? Changed;

    public void Attach(string id, IReadOnlyList<ResourceRuntime> all)
    {
        runId = id;
        runtimes = all;
    }

    /// <summary>Set before the first publish, so the state.json a client first sees already names the control API.</summary>
    public void SetControlUrl(string url)
    {
        lock (gate)
        {
            controlUrl = url;
        }
    }

    public void MarkStopping() => Update(() => stopping = true);

    public void MarkStopped() => Update(() => stopped = true);

    public void Publish() => Update(() => { });

    /// <summary>The run as state.json has it now, for the control API.</summary>
    public RunSnapshot Current()
    {
        lock (gate)
        {
            return Snapshot();
        }
    }

    private void Update(Action change)
    {
        RunSnapshot snapshot;
        lock (gate)
        {
            change();
            snapshot = Snapshot();
            StateFile.Write(path, snapshot);
        }

        Changed?.Invoke(snapshot);
    }

    private RunSnapshot Snapshot()
    {
        var resources = runtimes.Select(r => r.Snapshot()).ToList();
        // A resource stopped by command was stopped on purpose: the rest of the run can still be healthy.
        var status = stopped ? "Stopped"
            : stopping ? "Stopping"
            : resources.Any(r => r.State is ResourceState.FailedToStart or ResourceState.Exited or ResourceState.Unhealthy) ? "Unhealthy"
            : resources.All(r => r.State is ResourceState.Healthy or ResourceState.Stopped) ? "Healthy"
            : "Starting";
        return new RunSnapshot(runId, Environment.ProcessId, status, controlUrl, DateTimeOffset.UtcNow, resources);
    }
}
