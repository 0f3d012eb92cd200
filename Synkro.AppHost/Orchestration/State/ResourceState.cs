namespace Synkro.Hosting.Orchestration.State;

/// <summary>The lifecycle states shown in the console table and written to state.json.</summary>
public enum ResourceState
{
    Waiting,
    Starting,
    Running,
    Healthy,
    Unhealthy,
    Exited,
    FailedToStart,

    /// <summary>Stopped by a command (the control API), not by a failure: dependents are not failed for it.</summary>
    Stopped,
}

public sealed record EndpointSnapshot(string Name, string Url);

public sealed record ReplicaSnapshot(int Index, ResourceState State, string? Health, int? Pid, IReadOnlyList<EndpointSnapshot> Endpoints, int? ExitCode);

/// <summary>One resource as tooling sees it in state.json; <see cref="Pid"/> is the first replica's.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    string? Health,
    int? Pid,
    IReadOnlyList<EndpointSnapshot> Endpoints,
    IReadOnlyList<ReplicaSnapshot> Replicas,
    IReadOnlyList<string> WaitsFor,
    int? ExitCode,
    string? Message);

/// <summary>
/// The whole run: written to <c>state.json</c>, read by tests, benchmarks and the console.
/// <see cref="ControlUrl"/> is the control API's address (its bearer token is in secrets.json only).
/// </summary>
public sealed record RunSnapshot(
    string RunId,
    int AppHostPid,
    string Status,
    string? ControlUrl,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ResourceSnapshot> Resources);
