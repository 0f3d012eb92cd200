using Microsoft.Extensions.Logging;
using Synkro.Hosting.Orchestration.Control;
using Synkro.Hosting.Orchestration.Runtimes;
using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration;

/// <summary>
/// One resource's life across runs. A run is: wait for what it waits for, start, monitor. Each run has its own
/// cancellation, linked to the AppHost's, so a stop command can end one run while the AppHost keeps going and a
/// start command can begin the next. The gate keeps commands and the shutdown from overlapping on a resource.
/// </summary>
internal sealed partial class ResourceSupervisor(ResourceRuntime runtime, IReadOnlyList<ResourceRuntime> dependencies, ILogger logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private CancellationToken stopping;
    private CancellationTokenSource? run;
    private Task running = Task.CompletedTask;
    private bool launched;
    private bool shutDown;

    private string Name => runtime.Resource.Name;

    /// <summary>The first run, when the AppHost starts; <paramref name="appStopping"/> ends every run at shutdown.</summary>
    public async Task LaunchAsync(CancellationToken appStopping)
    {
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            stopping = appStopping;
            launched = true;
            BeginRun();
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<CommandResult> ExecuteAsync(ResourceCommand command)
    {
        if (runtime.NoCommandsReason is { } reason)
        {
            return CommandResult.Conflict(runtime.Snapshot(), reason);
        }

        await gate.WaitAsync(CancellationToken.None);
        try
        {
            if (!launched || shutDown || stopping.IsCancellationRequested)
            {
                return CommandResult.Conflict(runtime.Snapshot(), launched ? "The AppHost is stopping." : "The AppHost has not started its resources yet.");
            }

            var state = runtime.State;
            if (command == ResourceCommand.Stop && state == ResourceState.Stopped)
            {
                return CommandResult.Conflict(runtime.Snapshot(), $"'{Name}' is already stopped.");
            }

            if (command == ResourceCommand.Start && state is not (ResourceState.Stopped or ResourceState.Exited or ResourceState.FailedToStart))
            {
                return CommandResult.Conflict(runtime.Snapshot(), $"'{Name}' is {state}; only a stopped, exited or failed resource can be started (restart restarts a running one).");
            }

            LogCommand(logger, command.ToString().ToLowerInvariant(), Name);
            // Also before a start: an exited server may have left a helper behind (RabbitMQ's epmd) on the port it needs.
            await EndRunAsync();
            if (command == ResourceCommand.Stop)
            {
                runtime.SetAll(ResourceState.Stopped, "stopped by command");
                return new CommandResult(CommandOutcome.Completed, runtime.Snapshot());
            }

            BeginRun();
            return new CommandResult(CommandOutcome.Accepted, runtime.Snapshot());
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The shutdown's stop, after every dependent's: ends the run and stops the processes, unless a command stopped
    /// them already. Commands are refused from here on.
    /// </summary>
    public async Task ShutdownAsync()
    {
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            shutDown = true;
            if (runtime.State == ResourceState.Stopped)
            {
                await running;
                return;
            }

            LogStopping(logger, Name);
            await EndRunAsync();
            runtime.SetAll(ResourceState.Exited);
        }
        finally
        {
            run?.Dispose();
            gate.Release();
        }
    }

    private void BeginRun()
    {
        run?.Dispose();
        run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        runtime.BeginRun();
        running = RunAsync(run.Token);
    }

    /// <summary>Ends the run (its monitor first, so the stop is not reported as an exit) and stops its processes gracefully.</summary>
    private async Task EndRunAsync()
    {
        if (run is not null)
        {
            await run.CancelAsync();
        }

        await running;
        await runtime.StopAsync();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(dependencies.Select(d => d.WhenHealthy)).WaitAsync(cancellationToken);
        }
        catch (DependencyFailedException e)
        {
            runtime.SetAll(ResourceState.FailedToStart, e.Message);
            LogFailed(logger, Name, e.Message);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        runtime.SetAll(ResourceState.Starting);
        try
        {
            await runtime.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // Expected failures (a port taken, initdb refusing) are shown as the resource's state, not thrown.
            runtime.SetAll(ResourceState.FailedToStart, e.Message);
            LogFailed(logger, Name, e.Message);
            return;
        }

        await runtime.MonitorAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "{Resource} failed to start: {Reason}")]
    private static partial void LogFailed(ILogger logger, string resource, string reason);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Stopping {Resource}")]
    private static partial void LogStopping(ILogger logger, string resource);

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Command '{Command}' for {Resource}")]
    private static partial void LogCommand(ILogger logger, string command, string resource);
}
