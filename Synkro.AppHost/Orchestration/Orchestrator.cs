using Microsoft.Extensions.Logging;
using Synkro.Hosting.Orchestration.Runtimes;
using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration;

/// <summary>
/// Starts each resource once what it waits for is healthy, keeps watching it, and on shutdown stops
/// resources in reverse dependency order: a resource stops only after everything that uses it.
/// </summary>
internal sealed partial class Orchestrator(IReadOnlyList<ResourceRuntime> runtimes, ILogger logger)
{
    private readonly Dictionary<IResource, ResourceRuntime> byResource = runtimes.ToDictionary(r => (IResource)r.Resource);

    public async Task RunAsync(CancellationToken stopping)
    {
        var monitors = runtimes.Select(r => RunResourceAsync(r, stopping)).ToList();
        await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(monitors);
        await StopAllAsync();
    }

    private async Task RunResourceAsync(ResourceRuntime runtime, CancellationToken stopping)
    {
        var name = runtime.Resource.Name;
        runtime.SetAll(ResourceState.Waiting);
        try
        {
            await Task.WhenAll(Dependencies(runtime).Select(d => d.WhenHealthy)).WaitAsync(stopping);
        }
        catch (DependencyFailedException e)
        {
            runtime.SetAll(ResourceState.FailedToStart, e.Message);
            LogFailed(logger, name, e.Message);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        runtime.SetAll(ResourceState.Starting);
        try
        {
            await runtime.StartAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // Expected failures (a port taken, initdb refusing) are shown as the resource's state, not thrown.
            runtime.SetAll(ResourceState.FailedToStart, e.Message);
            LogFailed(logger, name, e.Message);
            return;
        }

        await runtime.MonitorAsync(stopping);
    }

    private IEnumerable<ResourceRuntime> Dependencies(ResourceRuntime runtime) =>
        runtime.Resource.WaitsFor.Select(byResource.GetValueOrDefault).OfType<ResourceRuntime>();

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
        LogStopping(logger, runtime.Resource.Name);
        await runtime.StopAsync();
        runtime.SetAll(ResourceState.Exited);
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "{Resource} failed to start: {Reason}")]
    private static partial void LogFailed(ILogger logger, string resource, string reason);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Stopping {Resource}")]
    private static partial void LogStopping(ILogger logger, string resource);
}
