namespace Synkro.Hosting.Orchestration;

/// <summary>Which resources a run starts: all of them, or with <c>--only</c> the named ones and what they wait for.</summary>
internal static class ResourceSelection
{
    /// <summary>The selected resources in model order, so the console and state.json list them as Program.cs declares them.</summary>
    public static IReadOnlyList<IResource> Select(IReadOnlyList<IResource> all, IReadOnlyList<string> only)
    {
        var runnable = all.Where(r => r is not ParameterResource).ToList();
        if (only.Count == 0)
        {
            return runnable;
        }

        var selected = new HashSet<IResource>();
        foreach (var name in only)
        {
            var resource = runnable.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new AppHostException($"--only: no resource named '{name}'. Resources: {string.Join(", ", runnable.Select(r => r.Name))}.");
            Add(resource, selected);
        }

        return [.. runnable.Where(selected.Contains)];
    }

    private static void Add(IResource resource, HashSet<IResource> selected)
    {
        if (selected.Add(resource) && resource is Resource { WaitsFor: var dependencies })
        {
            foreach (var dependency in dependencies)
            {
                Add(dependency, selected);
            }
        }
    }

    /// <summary>The server binaries the selection needs, by <see cref="ServerBinaries"/> kind.</summary>
    public static IReadOnlyCollection<string> ServerKinds(IEnumerable<IResource> selected) =>
        [.. selected.SelectMany<IResource, string>(r => r switch
        {
            PostgresServerResource => ["postgres"],
            RabbitMQServerResource => ["rabbitmq", "epmd"],
            RedisResource => ["redis"],
            _ => [],
        })];
}
