using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Synkro.ServiceDefaults.Health;

/// <summary>
/// Gives a library's check the description of what it checked: EF Core's DbContext check reports
/// either no description or the exception's message in its place. The cause stays in the result's
/// exception. The check is created inside the try: creating EF Core's check creates the context,
/// which throws when its connection string is missing, and that must be a failed check, not a 500.
/// </summary>
internal sealed class DescribedHealthCheck(Func<IHealthCheck> createInner, string description) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await createInner().CheckHealthAsync(context, cancellationToken);
            return result.Exception is { } exception
                ? HealthCheckFailure.From(context, description, exception, cancellationToken)
                : new HealthCheckResult(result.Status, description, data: result.Data);
        }
        catch (Exception exception)
        {
            return HealthCheckFailure.From(context, description, exception, cancellationToken);
        }
    }
}
