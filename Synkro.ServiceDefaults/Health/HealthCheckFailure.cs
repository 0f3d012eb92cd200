using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Synkro.ServiceDefaults.Health;

public static class HealthCheckFailure
{
    /// <summary>
    /// The registration's failure status with the check's description and the cause. A check
    /// cancelled by its timeout gets a TimeoutException saying so, instead of the bare "A task
    /// was canceled." the health check service would report (if the request itself was aborted,
    /// nobody reads the result anyway).
    /// </summary>
    public static HealthCheckResult From(HealthCheckContext context, string description, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            exception = new TimeoutException($"No answer within {context.Registration.Timeout.TotalSeconds:0.#} s.", exception);
        }

        return new HealthCheckResult(context.Registration.FailureStatus, description, exception);
    }
}
