using Synkro.Hosting.Orchestration.Processes;
using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration.Runtimes;

/// <summary>A .NET project: one <c>dotnet {TargetPath}</c> process per replica with Aspire's environment variables.</summary>
internal sealed class ProjectRuntime(ProjectResource project, RunContext context, ProjectEnvironment environment)
    : ResourceRuntime(project, context, project.Replicas)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public override string Type => "Project";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var target = project.Project.TargetPath;
        if (!File.Exists(target))
        {
            throw new InvalidOperationException($"{target} does not exist; build the solution first (dotnet build).");
        }

        for (var replica = 0; replica < project.Replicas; replica++)
        {
            Processes[replica] = await ChildProcess.StartAsync(Context.Launcher, Context.Tag(new ChildProcessSpec(DotnetHost, [target])
            {
                WorkingDirectory = Path.GetDirectoryName(project.Project.ProjectPath),
                Environment = environment.For(project, replica),
            }), Context.LogFor(project.Name), $"{project.Name}-{replica}");
        }
    }

    protected override async Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync($"http://127.0.0.1:{project.Ports[replica]}/health", cancellationToken);
        return response.IsSuccessStatusCode;
    }

    protected override IReadOnlyList<EndpointSnapshot> Endpoints(int replica) =>
        [new(replica == 0 ? "http" : $"http-{replica}", $"http://127.0.0.1:{project.Ports[replica]}")];

    /// <summary>The dotnet host running the AppHost, so children use the same runtime.</summary>
    private static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
