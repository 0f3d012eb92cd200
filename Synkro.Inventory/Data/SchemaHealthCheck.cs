using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Synkro.Inventory.Data;

internal sealed class SchemaHealthCheck(SchemaState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsReady
            ? HealthCheckResult.Healthy("Inventory schema migrated")
            : HealthCheckResult.Unhealthy("Inventory schema not migrated yet"));
}
