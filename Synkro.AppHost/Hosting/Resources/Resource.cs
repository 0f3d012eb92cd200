namespace Synkro.Hosting;

/// <summary>Anything the AppHost models: a server, a database, a project, a parameter.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource other resources can hold a connection string to; WithReference injects <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The live connection string, once endpoints are allocated and parameters resolved.</summary>
    string GetConnectionString();

    /// <summary>The same string in the manifest's expression syntax, e.g. <c>{postgres.bindings.tcp.port}</c>.</summary>
    string ConnectionStringExpression { get; }
}

/// <summary>Shared by every resource: what it waits for and what it references.</summary>
public abstract class Resource(string name) : IResource
{
    public string Name { get; } = name;

    /// <summary>Resources that must be healthy before this one starts (WaitFor).</summary>
    public List<IResource> WaitsFor { get; } = [];

    /// <summary>Resources whose connection information this one receives (WithReference).</summary>
    public List<IResource> References { get; } = [];

    /// <summary>Extra environment variables; values resolve at start so parameters and ports can be read late.</summary>
    public List<EnvironmentValue> Environment { get; } = [];

    public override string ToString() => Name;
}

/// <summary>One environment variable whose value is produced when the resource starts.</summary>
public sealed record EnvironmentValue(string Name, Func<string> Value, string ManifestExpression);

/// <summary>A server started from an installed binary and reached over one TCP port on loopback.</summary>
public abstract class ServerResource(string name) : Resource(name)
{
    /// <summary>Allocated by the orchestrator before anything starts; 0 until then.</summary>
    public int Port { get; set; }

    public string Host => "127.0.0.1";
}
