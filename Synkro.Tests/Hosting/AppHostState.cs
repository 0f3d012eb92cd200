using System.Text.Json;
using System.Text.Json.Serialization;

namespace Synkro.Tests.Hosting;

/// <summary>
/// The test side's reading of the AppHost's state.json and secrets.json (the tooling contract).
/// A resource's state is one of Waiting, Starting, Running, Healthy, Unhealthy, Exited (it died),
/// FailedToStart, Stopped (by a command).
/// </summary>
public sealed record AppHostState(string RunId, int AppHostPid, string Status, IReadOnlyList<ResourceStatus> Resources, string? ControlUrl = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public ResourceStatus this[string name] =>
        Resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource '{name}' in state.json.");

    /// <summary>Every process the AppHost reported, across replicas.</summary>
    public IEnumerable<int> Pids => Resources.SelectMany(r => r.Replicas).Select(r => r.Pid).OfType<int>();
}

public sealed record ResourceStatus(
    string Name, string Type, string State, string? Health, int? Pid,
    IReadOnlyList<EndpointStatus> Endpoints, IReadOnlyList<ReplicaStatus> Replicas, int? ExitCode, string? Message);

public sealed record ReplicaStatus(int Index, string State, string? Health, int? Pid, IReadOnlyList<EndpointStatus> Endpoints, int? ExitCode);

public sealed record EndpointStatus(string Name, string Url);

public sealed record AppHostSecrets(Dictionary<string, string> Parameters, Dictionary<string, string> ConnectionStrings, ControlSecrets? Control = null);

/// <summary>The AppHost's control API and this run's bearer token for it.</summary>
public sealed record ControlSecrets(string Url, string Token);
