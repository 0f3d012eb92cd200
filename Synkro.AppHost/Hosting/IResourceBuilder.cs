namespace Synkro.Hosting;

/// <summary>Fluent handle on a resource, as in Aspire: extension methods add references, waits and settings.</summary>
public interface IResourceBuilder<out T> where T : IResource
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(T resource, DistributedApplicationBuilder applicationBuilder) : IResourceBuilder<T>
    where T : IResource
{
    public T Resource { get; } = resource;

    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
}
