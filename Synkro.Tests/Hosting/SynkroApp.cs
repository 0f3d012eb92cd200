using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Synkro.Tests.Hosting;

/// <summary>What one start of the real AppHost runs with.</summary>
public sealed record SynkroAppOptions
{
    /// <summary>Start only these resources and what they need (WaitFor, references, parents); empty: everything.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>The AppHost's --run-dir; a new throw-away directory when null.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>More AppHost arguments (configuration such as --Parameters:x=y).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment variables for every project resource.</summary>
    public IReadOnlyDictionary<string, string> ProjectEnvironment { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Synkro.AppHost built and run by Aspire.Hosting.Testing (DCP, the real resources, no dashboard),
/// with what the tests ask of it: clients and connection strings by resource name, the instances of
/// a resource, and the dashboard's Stop and Start commands.
/// </summary>
public sealed class SynkroApp(DistributedApplication app, string runDirectory, bool ownsRunDirectory) : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<SynkroApp, DateTime> Running = new();
    private readonly ConcurrentDictionary<string, ResourceEvent> latest = new();
    private readonly Dictionary<string, string> connectionStrings = [];
    private readonly CancellationTokenSource watching = new();
    private readonly ResourceLogs logs = new(app.Services.GetRequiredService<ResourceLoggerService>());

    public DistributedApplication App => app;

    public string RunDirectory => runDirectory;

    /// <summary>Every application started and not yet disposed, with when it started: what a failed test reports on.</summary>
    public static IReadOnlyDictionary<SynkroApp, DateTime> Live => Running;

    /// <summary>
    /// A local run has one instance of each service; the tests run the deployed shape, two of inventory
    /// and of the gateway, to check what replicas share (sessions, rate limits, outboxes, failover).
    /// </summary>
    public static readonly string[] DeployedReplicas = [$"--Replicas:{ResourceNames.Inventory}=2", $"--Replicas:{ResourceNames.Gateway}=2"];

    public static async Task<SynkroApp> StartAsync(SynkroAppOptions? options = null)
    {
        options ??= new SynkroAppOptions();
        var runDirectory = options.RunDirectory ?? NewRunDirectory();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Synkro_AppHost>(
            ["--run-dir", runDirectory, .. DeployedReplicas, .. options.Arguments],
            // As `dotnet run` with the launch profile: the services run as Development (Swagger UI, detailed problems).
            (_, settings) => settings.EnvironmentName = "Development");
        ResourceSubset.KeepOnly(builder.Resources, options.Only);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(env =>
            {
                foreach (var (name, value) in options.ProjectEnvironment)
                {
                    env.EnvironmentVariables[name] = value;
                }
            });
        }

        // The console (a failed test's output) gets the AppHost's own warnings, not thousands of
        // forwarded resource lines or the health polls of a start: ResourceLogs keeps those for the report.
        builder.Services.AddLogging(logging => logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>((category, level) =>
                level >= LogLevel.Warning && category?.StartsWith("Aspire.Hosting", StringComparison.Ordinal) == true));
        var app = await builder.BuildAsync();
        var synkro = new SynkroApp(app, runDirectory, ownsRunDirectory: options.RunDirectory is null);
        Running[synkro] = DateTime.UtcNow;
        _ = synkro.WatchAsync();
        try
        {
            await app.StartAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The AppHost did not start: {e.Message}\n{synkro.Describe()}", e);
        }

        return synkro;
    }

    public static string NewRunDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "synkro-tests", Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Waits until every resource of the model is healthy, or fails with the states of those that are not.</summary>
    public async Task WaitForHealthyAsync(TimeSpan? timeout = null)
    {
        var deadline = Deadlines.In(timeout ?? Deadlines.SystemStart);
        using var cts = Deadlines.Within(deadline.Limit);
        var waiting = Resources.Where(r => r is not ParameterResource && !IsRunToCompletion(r)).Select(r => r.Name).ToList();
        try
        {
            // A resource that fails or exits ends the wait at once (Aspire's default wait behaviour), not at the deadline.
            await Task.WhenAll(waiting.Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, cts.Token)));
        }
        catch (Exception e) when (e is OperationCanceledException or DistributedApplicationException)
        {
            throw new TimeoutException($"Not every resource got healthy after {deadline} ({e.Message}):\n{Describe()}", e);
        }

        foreach (var resource in Resources.OfType<IResourceWithConnectionString>())
        {
            connectionStrings[resource.Name] = await app.GetConnectionStringAsync(resource.Name) ?? "";
        }
    }

    public IEnumerable<IResource> Resources => app.Services.GetRequiredService<DistributedApplicationModel>().Resources;

    /// <summary>The connection string a project referencing the resource receives.</summary>
    public string GetConnectionString(string resource) =>
        connectionStrings.TryGetValue(resource, out var value) ? value : throw new KeyNotFoundException($"No connection string for '{resource}' (started?).");

    /// <summary>The address of a named endpoint; for replicas, the one that spreads over them.</summary>
    public Uri GetEndpoint(string resource, string endpoint) => app.GetEndpoint(resource, endpoint);

    /// <summary>A client of the resource's http endpoint; for replicas, the endpoint that spreads over them.</summary>
    public HttpClient CreateHttpClient(string resource)
    {
        var client = app.CreateHttpClient(resource, "http");
        client.Timeout = Deadlines.Request;
        return client;
    }

    /// <summary>The running instances of a resource (one per replica), as Aspire last reported them.</summary>
    public IReadOnlyList<ResourceInstance> Instances(string resource) =>
        [.. latest.Values.Where(e => e.Resource.Name == resource && e.Snapshot.State?.Text == KnownResourceStates.Running)
            .OrderBy(e => e.ResourceId)
            .Select(e => new ResourceInstance(e.ResourceId, Pid(e.Snapshot), e.Snapshot.HealthStatus))];

    /// <summary>
    /// One client per instance, straight to the port the instance listens on (ASPNETCORE_URLS in its
    /// environment), past DCP's proxy: for tests that must reach a particular replica.
    /// </summary>
    public IReadOnlyList<HttpClient> CreateInstanceClients(string resource) =>
        [.. Instances(resource).Select(i => new HttpClient { BaseAddress = new Uri(ProcessTable.Environment(i.Pid!.Value)["ASPNETCORE_URLS"].Split(';')[0]), Timeout = Deadlines.Request })];

    /// <summary>Each instance's own gRPC (h2c) port, past DCP's proxy, as <see cref="CreateInstanceClients"/> for HTTP.</summary>
    public IReadOnlyList<Uri> InstanceGrpcAddresses(string resource) =>
        [.. Instances(resource).Select(i => new Uri($"http://127.0.0.1:{ProcessTable.Environment(i.Pid!.Value)[GrpcEndpoint.PortVariable]}"))];

    /// <summary>The dashboard's Stop: returns once every instance of the resource has stopped.</summary>
    public async Task StopResourceAsync(string resource)
    {
        await ExecuteAsync(resource, KnownResourceCommands.StopCommand);
        using var cts = Deadlines.Within(Deadlines.Stop);
        await app.ResourceNotifications.WaitForResourceAsync(resource, [KnownResourceStates.Exited, KnownResourceStates.Finished], cts.Token);
    }

    /// <summary>
    /// The dashboard's Start: returns once the resource is healthy again. DCP now and then reports
    /// FailedToStart for an executable started right after it stopped, without ever launching it
    /// (Aspire's own VerifyExecutableStopStartWorks fails the same way: microsoft/aspire#11116), so
    /// a Start that never launched is pressed once more, as a person at the dashboard would.
    /// </summary>
    public async Task StartResourceAsync(string resource)
    {
        using var cts = Deadlines.Within(Deadlines.ResourceStart);
        for (var attempt = 1; ; attempt++)
        {
            await ExecuteAsync(resource, KnownResourceCommands.StartCommand);
            // The command returns before the stopped snapshot has moved on, and Aspire's health wait
            // reads an Exited it finds as "failed to start" (it failed the broker-restart test that way
            // once): wait until the new start is running, or has really failed, first.
            var started = await app.ResourceNotifications.WaitForResourceAsync(resource,
                e => e.Snapshot.State?.Text == KnownResourceStates.Running || e.Snapshot.State?.Text == KnownResourceStates.FailedToStart, cts.Token);
            if (started.Snapshot.State?.Text == KnownResourceStates.Running)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
                return;
            }

            Assert.That(attempt, Is.EqualTo(1), $"{resource} failed to start twice:\n{Describe()}");
            await TestContext.Progress.WriteLineAsync($"{resource} failed to start; pressing Start again.");
        }
    }

    /// <summary>
    /// The dashboard's Start on one instance of a replicated resource after its process died: returns
    /// once a new process runs, reports healthy, and answers on the port it listens on.
    /// </summary>
    public async Task StartInstanceAsync(string instanceId, int deadPid)
    {
        using var cts = Deadlines.Within(Deadlines.ResourceStart);
        var resource = latest[instanceId].Resource.Name;
        // It must have been seen as stopped first, or Start would be a no-op on a process still going down.
        await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.ResourceId == instanceId && e.Snapshot.State?.Text != KnownResourceStates.Running, cts.Token);
        var result = await app.ResourceCommands.ExecuteCommandAsync(instanceId, KnownResourceCommands.StartCommand, cts.Token);
        Assert.That(result.Success, Is.True, $"start on {instanceId}: {result.Message}");
        var started = await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.ResourceId == instanceId
            && e.Snapshot.State?.Text == KnownResourceStates.Running
            && Pid(e.Snapshot) is { } pid && pid != deadPid
            && e.Snapshot.HealthStatus == HealthStatus.Healthy, cts.Token);
        using var http = new HttpClient { BaseAddress = new Uri(ProcessTable.Environment(Pid(started.Snapshot)!.Value)["ASPNETCORE_URLS"].Split(';')[0]) };
        while (true)
        {
            try
            {
                using var alive = await http.GetAsync("/alive", cts.Token);
                if (alive.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200, cts.Token);
        }
    }

    private async Task ExecuteAsync(string resource, string command)
    {
        var model = Resources.Single(r => r.Name == resource);
        var result = await app.ResourceCommands.ExecuteCommandAsync(model, command);
        Assert.That(result.Success, Is.True, $"{command} on {resource}: {result.Message}");
    }

    private async Task WatchAsync()
    {
        try
        {
            await foreach (var change in app.ResourceNotifications.WatchAsync(watching.Token))
            {
                latest[change.ResourceId] = change;
                logs.Watch(change.ResourceId, watching.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    // Steps that finish (initdb, the package installer) and Aspire's hidden helpers (a project's rebuilder) never get healthy.
    private static bool IsRunToCompletion(IResource resource) =>
        resource.Name == "server-packages" || resource.Name.EndsWith("-init", StringComparison.Ordinal)
        || resource.GetType().Name == "ProjectRebuilderResource";

    private static int? Pid(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal))?.Value is { } pid
            && int.TryParse(pid.ToString(), out var value) ? value : null;

    /// <summary>
    /// Every resource's state, and for each one not running and healthy the last lines of its console:
    /// what a failure message needs to say which resource was wrong and what it said.
    /// </summary>
    public string Describe(DateTime? since = null, int linesOfHealthy = 0)
    {
        var report = new System.Text.StringBuilder();
        // Aspire's hidden helpers (a project's rebuilder) never run unless asked: nothing to report.
        foreach (var resource in latest.Values.Where(r => r.Resource is not ParameterResource && r.Resource.GetType().Name != "ProjectRebuilderResource")
                     .OrderBy(r => r.ResourceId, StringComparer.Ordinal))
        {
            var state = resource.Snapshot.State?.Text;
            var healthy = state == KnownResourceStates.Running && resource.Snapshot.HealthStatus is HealthStatus.Healthy or null
                || IsRunToCompletion(resource.Resource) && state is "Finished" or "Exited" && resource.Snapshot.ExitCode == 0;
            report.AppendLine($"{resource.ResourceId}: {state} {resource.Snapshot.HealthStatus}{(resource.Snapshot.ExitCode is { } code ? $" exit {code}" : "")}"
                + (healthy ? "" : "   <-- not healthy"));
            // All of a sick resource's last lines; of a healthy one, only the warnings and errors it logged during the test.
            var lines = healthy ? logs.Last(resource.ResourceId, linesOfHealthy, since, troubleOnly: true) : logs.Last(resource.ResourceId, 25);
            foreach (var line in lines)
            {
                report.AppendLine($"    | {line.Text}");
            }
        }

        return report.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        ResourceReportAttribute.Keep(this);
        Running.TryRemove(this, out _);
        await watching.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        watching.Dispose();
        if (ownsRunDirectory)
        {
            try
            {
                Directory.Delete(runDirectory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A server may still be flushing into its data directory; /tmp is cleaned by the OS anyway.
            }
        }
    }
}

public sealed record ResourceInstance(string Id, int? Pid, HealthStatus? Health);
