using Microsoft.Extensions.Logging;
using Synkro.Hosting.Orchestration.Control;
using Synkro.Hosting.Orchestration.Runtimes;

namespace Synkro.Hosting.Orchestration;

/// <summary>
/// Starts each resource once what it waits for is healthy, keeps watching it, runs the stop/start commands of the
/// control API, and on shutdown stops resources in reverse dependency order: a resource stops only after
/// everything that uses it.
/// </summary>
internal sealed class Orchestrator
{
    private readonly IReadOnlyList<ResourceRuntime> runtimes;
    private readonly Dictionary<ResourceRuntime, ResourceSupervisor> supervisors;

    public Orchestrator(IReadOnlyList<ResourceRuntime> runtimes, ILogger logger)
    {
        this.runtimes = runtimes;
        var byResource = runtimes.ToDictionary(r => (IResource)r.Resource);
        supervisors = runtimes.ToDictionary(r => r, r => new ResourceSupervisor(
            r, [.. r.Resource.WaitsFor.Select(byResource.GetValueOrDefault).OfType<ResourceRuntime>()], logger));
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        foreach (var supervisor in supervisors.Values)
        {
            await supervisor.LaunchAsync(stopping);
        }

        await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await StopAllAsync();
    }

    /// <summary>Runs a command by the names the control API receives: the resource's, then the command's.</summary>
    public async Task<CommandResult> ExecuteAsync(string resource, string command)
    {
        var runtime = runtimes.FirstOrDefault(r => string.Equals(r.Resource.Name, resource, StringComparison.OrdinalIgnoreCase));
        if (runtime is null)
        {
            return CommandResult.NotFound($"This AppHost runs no resource named '{resource}'.");
        }

        return ResourceCommands.Parse(command) is { } parsed
            ? await supervisors[runtime].ExecuteAsync(parsed)
            : CommandResult.Conflict(runtime.Snapshot(), $"'{command}' is no resource command; the commands are {string.Join(", ", ResourceCommands.Names)}.");
    }

    private IEnumerable<ResourceRuntime> Dependents(ResourceRuntime runtime) =>
        runtimes.Where(r => r.Resource.WaitsFor.Contains(runtime.Resource) || r.Resource.References.Contains(runtime.Resource));

    private async Task StopAllAsync()
    {
        var stops = new Dictionary<ResourceRuntime, Task>();
        Task Stop(ResourceRuntime runtime)
        {
            if (!stops.TryGetValue(runtime, out var task))
            {
                task = StopAfterDependentsAsync(runtime, [.. Dependents(runtime).Select(Stop)]);
                stops[runtime] = task;
            }

            return task;
        }

        await Task.WhenAll(runtimes.Select(Stop).ToList());
    }

    private async Task StopAfterDependentsAsync(ResourceRuntime runtime, Task[] dependents)
    {
        await Task.WhenAll(dependents);
        await supervisors[runtime].ShutdownAsync();
    }
}
