using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Synkro.AppHost.Hosting;

/// <summary>
/// Keeps <c>{run-dir}/state.json</c> current from Aspire's resource notifications, for benchmarks and
/// scripts that need to find the system without the dashboard. It names states and health as Aspire
/// does; a project with replicas has one entry under its own name with the endpoint that spreads over
/// them, then one per instance. Each resource carries when it started and when it was first ready
/// (running and healthy, or finished), in seconds after the AppHost's process started, and the run
/// when it was first all healthy: the start-up timeline. No secret goes into it.
/// </summary>
internal sealed class StateFile(ResourceNotificationService notifications, DistributedApplicationModel model, IConfiguration configuration, string path)
    : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Dictionary<string, ResourceEvent> latest = [];
    private readonly Dictionary<string, double> readyAfter = [];
    private readonly DateTime appHostStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private double? healthyAfter;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                latest[change.ResourceId] = change;
                if (ReadyAt(change.Snapshot) is { } ready)
                {
                    readyAfter.TryAdd(change.ResourceId, SecondsSinceStart(ready));
                }

                await WriteAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The run is stopping: the last state written stays as the record of it.
        }
    }

    private async Task WriteAsync()
    {
        var entries = new List<StateEntry>();
        foreach (var group in latest.Values.Where(e => e.Resource is not ParameterResource && !e.Snapshot.IsHidden).GroupBy(e => e.Resource))
        {
            var instances = group.OrderBy(e => e.ResourceId).ToList();
            if (instances.Count == 1)
            {
                entries.Add(Entry(group.Key.Name, instances[0], Endpoints(instances[0].Snapshot), null));
                continue;
            }

            // Replicas: the resource's own entry takes the proxied endpoints that DCP spreads over the instances.
            var proxied = group.Key.Annotations.OfType<EndpointAnnotation>()
                .Where(e => e.AllocatedEndpoint is not null)
                .Select(e => new StateEndpoint(e.Name, e.AllocatedEndpoint!.UriString)).ToList();
            var state = instances.Select(i => i.Snapshot.State?.Text).Distinct().Count() == 1 ? instances[0].Snapshot.State?.Text : "Starting";
            var health = instances.All(i => i.Snapshot.HealthStatus == HealthStatus.Healthy) ? "Healthy" : "Unhealthy";
            entries.Add(new StateEntry(group.Key.Name, instances[0].Snapshot.ResourceType, state, health, null, null, proxied, null, null, null));
            entries.AddRange(instances.Select(i => Entry(i.ResourceId, i, Endpoints(i.Snapshot), group.Key.Name)));
        }

        // A resource Aspire has not reported yet (a replicated project before its instances exist) is
        // still starting: without this the file once said Healthy with the gateway missing from it.
        var unreported = model.Resources.Any(r => r is not ParameterResource && !latest.Values.Any(e => e.Resource == r));
        var status = unreported ? "Starting" : Status(entries);
        healthyAfter ??= status == "Healthy" ? SecondsSinceStart(DateTime.UtcNow) : null;
        var document = new StateDocument(Environment.ProcessId, status, healthyAfter, entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList(), Dashboard());
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(document, Json));
        File.Move(temporary, path, overwrite: true); // readers never see half a file
    }

    /// <summary>Healthy once every resource that runs is healthy and every one that ran to completion succeeded.</summary>
    private static string Status(List<StateEntry> entries)
    {
        if (entries.Any(e => e.State is "FailedToStart" or "Exited" or "RuntimeUnhealthy" || e.ExitCode is not (null or 0)))
        {
            return "Unhealthy";
        }

        var done = entries.All(e => e.State is "Finished" or "Stopped" || (e.State == "Running" && e.Health == "Healthy"));
        return done ? "Healthy" : "Starting";
    }

    private StateEntry Entry(string name, ResourceEvent change, IReadOnlyList<StateEndpoint> endpoints, string? replicaOf) => new(
        name,
        change.Snapshot.ResourceType,
        change.Snapshot.State?.Text,
        change.Snapshot.HealthStatus?.ToString(),
        change.Snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal))?.Value is { } pid && int.TryParse(pid.ToString(), out var value) ? value : null,
        change.Snapshot.ExitCode,
        endpoints,
        replicaOf,
        change.Snapshot.StartTimeStamp is { } started ? SecondsSinceStart(started.ToUniversalTime()) : null,
        readyAfter.TryGetValue(change.ResourceId, out var ready) ? ready : null);

    /// <summary>
    /// When a resource was first ready by Aspire's own clock: its last health check (this loop may
    /// receive the notification later, on a busy start), or when it finished.
    /// </summary>
    private static DateTime? ReadyAt(CustomResourceSnapshot snapshot) => snapshot.State?.Text switch
    {
        "Finished" => snapshot.StopTimeStamp?.ToUniversalTime() ?? DateTime.UtcNow,
        "Running" when snapshot.HealthStatus == HealthStatus.Healthy =>
            snapshot.HealthReports.Select(r => r.LastRunAt).Max()?.ToUniversalTime() ?? DateTime.UtcNow,
        _ => null,
    };

    private double SecondsSinceStart(DateTime utc) => Math.Round((utc - appHostStarted).TotalSeconds, 2);

    private static List<StateEndpoint> Endpoints(CustomResourceSnapshot snapshot) =>
        [.. snapshot.Urls.Where(u => !u.IsInactive).Select(u => new StateEndpoint(u.Name ?? u.Url.Split(":")[0], u.Url))];

    private string? Dashboard() =>
        model.Resources.Any(r => r.Name == "aspire-dashboard")
            ? configuration["ASPNETCORE_URLS"]?.Split(';').FirstOrDefault()
            : null;

    private sealed record StateDocument(int AppHostPid, string Status, double? HealthyAfter, IReadOnlyList<StateEntry> Resources, string? Dashboard);

    private sealed record StateEntry(
        string Name, string? Type, string? State, string? Health, int? Pid, int? ExitCode, IReadOnlyList<StateEndpoint> Endpoints, string? ReplicaOf,
        double? StartedAfter, double? ReadyAfter);

    private sealed record StateEndpoint(string Name, string Url);
}

public static class StateFileExtensions
{
    /// <summary>Run mode only: a published application has no local state to find.</summary>
    public static IDistributedApplicationBuilder AddStateFile(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            var path = Path.Combine(RunDirectory.Get(builder), "state.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<StateFile>(sp, path));
        }

        return builder;
    }
}
