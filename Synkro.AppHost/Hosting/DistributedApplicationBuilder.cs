using Microsoft.Extensions.Configuration;
using Synkro.Hosting.Orchestration;

namespace Synkro.Hosting;

/// <summary>Collects the application model; <see cref="Build"/> turns it into a runnable application.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<IResource> resources = [];

    internal DistributedApplicationBuilder(string[] args)
    {
        Options = AppHostOptions.Parse(args);
        // Parameters:{name} and Servers:{kind}:Path come from the environment or the remaining arguments, as in Aspire.
        Configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(Options.RemainingArguments)
            .Build();
    }

    public IConfiguration Configuration { get; }

    internal AppHostOptions Options { get; }

    public IReadOnlyList<IResource> Resources => resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build() => new(this);
}
