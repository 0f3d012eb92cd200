namespace Synkro.Hosting.Orchestration.Runtimes;

/// <summary>Allocates every port of the selection up front, then makes one runtime per resource.</summary>
internal static class RuntimeFactory
{
    public static IReadOnlyList<ResourceRuntime> Create(IReadOnlyList<IResource> selected, RunContext context)
    {
        var projects = selected.OfType<ProjectResource>().ToList();
        var servers = selected.OfType<ServerResource>().ToList();
        var brokers = servers.OfType<RabbitMQServerResource>().Count();
        var ports = new Queue<int>(PortAllocator.Allocate(servers.Count + projects.Sum(p => p.Replicas) + 2 * brokers));
        foreach (var server in servers)
        {
            server.Port = ports.Dequeue();
        }

        foreach (var project in projects)
        {
            project.Ports.Clear();
            project.Ports.AddRange(Enumerable.Range(0, project.Replicas).Select(_ => ports.Dequeue()));
        }

        var environment = new ProjectEnvironment(selected.ToHashSet(), context.OtlpEndpoint);
        return [.. selected.Select<IResource, ResourceRuntime>(resource => resource switch
        {
            PostgresServerResource postgres => new PostgresRuntime(postgres, context),
            PostgresDatabaseResource database => new DatabaseRuntime(database, context),
            RabbitMQServerResource broker => new RabbitMQRuntime(broker, context, ports.Dequeue(), ports.Dequeue()),
            RedisResource redis => new RedisRuntime(redis, context),
            ProjectResource project => new ProjectRuntime(project, context, environment),
            _ => throw new InvalidOperationException($"No runtime for resource type {resource.GetType().Name}."),
        })];
    }
}
