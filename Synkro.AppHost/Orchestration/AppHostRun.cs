using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Synkro.Hosting.Orchestration.Console;
using Synkro.Hosting.Orchestration.Control;
using Synkro.Hosting.Orchestration.Runtimes;
using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration;

/// <summary>One run of the application model: prepare the run directory, start everything, stop on a signal.</summary>
internal sealed partial class AppHostRun(DistributedApplicationBuilder builder)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var options = builder.Options;
        var selected = ResourceSelection.Select(builder.Resources, options.Only);
        var directory = new RunDirectory(options.RunDirectory ?? RunDirectory.Default());
        using var runLock = RunLock.Acquire(directory);

        using var loggerProvider = new AppHostLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(loggerProvider));
        var logger = loggerFactory.CreateLogger("Synkro.AppHost");
        loggerProvider.AttachFile(Path.Combine(directory.Logs, "apphost.log"));

        var leftovers = await StaleProcessReaper.StopAllAsync(directory.Root, TimeSpan.FromSeconds(10));
        if (leftovers > 0)
        {
            LogReaped(logger, leftovers);
        }

        if (options.Reset)
        {
            directory.Reset();
            LogReset(logger, directory.Data);
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        var binaries = new ServerBinaries(builder.Configuration, logger, options.NoInstall);
        await binaries.EnsureAsync(ResourceSelection.ServerKinds(selected), stopping.Token);

        var kept = StateFile.Read<SecretsDocument>(directory.SecretsFile)?.Parameters ?? [];
        ParameterResolver.Resolve(builder.Resources.OfType<ParameterResource>(), builder.Configuration, kept);

        var store = new StateStore(directory.StateFile);
        using var context = new RunContext(directory, binaries, builder.Configuration, logger, _ => store.Publish());
        var runtimes = RuntimeFactory.Create(selected, context);
        store.Attach(context.RunId, runtimes);
        var orchestrator = new Orchestrator(runtimes, logger);
        // Started before state.json and secrets.json are written, so the first ones a client sees already name it.
        await using var control = await ControlServer.StartAsync(orchestrator, store, loggerProvider, stopping.Token);
        store.SetControlUrl(control.Access.Url);
        WriteSecrets(directory, builder.Resources, selected, control.Access);

        var table = options.Headless || System.Console.IsOutputRedirected ? null : new LiveResourceTable(directory.Root);
        var headless = new HeadlessReporter(logger);
        store.Changed += table is null ? headless.OnChanged : table.OnChanged;
        LogStarting(logger, selected.Count, directory.Root);
        store.Publish();

        // The live table owns the console from here; the AppHost's own log continues in logs/apphost.log.
        loggerProvider.WriteToConsole = table is null;
        var orchestration = orchestrator.RunAsync(stopping.Token);
        if (table is not null)
        {
            await table.RunAsync(Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default));
            loggerProvider.WriteToConsole = true;
        }

        await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        store.MarkStopping();
        await orchestration;
        var swept = await StaleProcessReaper.StopAllAsync(directory.Root, TimeSpan.FromSeconds(5));
        if (swept > 0)
        {
            LogReaped(logger, swept);
        }

        store.MarkStopped();
        LogStopped(logger);
        return 0;
    }

    private static void WriteSecrets(RunDirectory directory, IEnumerable<IResource> all, IEnumerable<IResource> selected, ControlAccess control)
    {
        // Every parameter is kept, started or not, so a later full run finds the same passwords.
        var parameters = all.OfType<ParameterResource>().ToDictionary(p => p.Name, p => p.Value);
        var connectionStrings = selected.OfType<IResourceWithConnectionString>().ToDictionary(r => r.Name, r => r.GetConnectionString());
        StateFile.Write(directory.SecretsFile, new SecretsDocument(parameters, connectionStrings, control), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Starting {Count} resources; run directory {RunDirectory}")]
    private static partial void LogStarting(ILogger logger, int count, string runDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Stopped {Count} processes left behind by an earlier run of this run directory")]
    private static partial void LogReaped(ILogger logger, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "--reset: deleted all data in {Data}")]
    private static partial void LogReset(ILogger logger, string data);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "All resources stopped")]
    private static partial void LogStopped(ILogger logger);
}
