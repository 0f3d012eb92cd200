namespace Synkro.Hosting;

/// <summary>Aspire's cross-cutting builder methods: references, waits, environment, replicas, endpoints.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Gives the resource the connection string (<c>ConnectionStrings__{name}</c>) or service URLs (<c>services__{name}__http__{i}</c>) of another.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> source)
        where T : Resource
    {
        if (source.Resource is not (IResourceWithConnectionString or ProjectResource))
        {
            throw new InvalidOperationException($"'{source.Resource.Name}' has neither a connection string nor HTTP endpoints to reference.");
        }

        builder.Resource.References.Add(source.Resource);
        return builder;
    }

    /// <summary>Start only once the other resource is running and healthy; a failed dependency fails this resource too.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : Resource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.Environment.Add(new EnvironmentValue(name, () => value, value));
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : Resource
    {
        var resource = parameter.Resource;
        builder.Resource.Environment.Add(new EnvironmentValue(name, () => resource.Value, $"{{{resource.Name}.value}}"));
        builder.Resource.References.Add(resource);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    /// <summary>Marks the HTTP endpoints as meant for users outside the cluster (an ingress in the manifest).</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.HasExternalHttpEndpoints = true;
        return builder;
    }
}
