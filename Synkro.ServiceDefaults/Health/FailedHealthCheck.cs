using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Synkro.ServiceDefaults.Health;

/// <summary>Stands in for a check whose creation threw: the registration's failure status, and why.</summary>
internal sealed class FailedHealthCheck(Exception cause) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "The check could not be created", cause));
}
