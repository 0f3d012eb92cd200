using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Reports the outbox backlog: healthy while events leave within a minute, degraded while the broker
/// is away for a while (nothing is lost, they wait), unhealthy when the backlog is older than that.
/// </summary>
internal sealed class OutboxHealthCheck(OutboxBacklog backlog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var age = backlog.OldestAge;
        var data = new Dictionary<string, object>
        {
            ["backlog"] = backlog.Count,
            ["oldestAgeSeconds"] = Math.Round(age.TotalSeconds, 1),
        };
        var description = $"Outbox: {backlog.Count} events waiting, oldest {age.TotalSeconds:0.#} s";
        if (backlog.LastError is { } error)
        {
            description += $"; relay: {error}";
        }

        var status = age < TimeSpan.FromMinutes(1) ? HealthStatus.Healthy
            : age < TimeSpan.FromMinutes(10) ? HealthStatus.Degraded
            : HealthStatus.Unhealthy;
        return Task.FromResult(new HealthCheckResult(status, description, data: data));
    }
}
