namespace Synkro.Hosting;

/// <summary>A .NET project started as one process per replica, each on its own HTTP port.</summary>
public sealed class ProjectResource(string name, IProjectMetadata project) : Resource(name)
{
    public IProjectMetadata Project { get; } = project;

    public int Replicas { get; set; } = 1;

    public bool HasExternalHttpEndpoints { get; set; }

    /// <summary>One port per replica, allocated by the orchestrator before anything starts.</summary>
    public List<int> Ports { get; } = [];

    public IEnumerable<string> HttpUrls => Ports.Select(port => $"http://127.0.0.1:{port}");
}
