using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synkro.ServiceDefaults.Health;

namespace Synkro.Web.Gateway;

/// <summary>Asks the gateway's /alive through service discovery, as every page call will.</summary>
public sealed class GatewayHealthCheck(HttpClient client) : IHealthCheck
{
    private const string Description = "Synkro gateway";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await client.GetAsync("/alive", cancellationToken);
            var data = new Dictionary<string, object> { ["statusCode"] = (int)response.StatusCode };
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy(Description, data)
                : new HealthCheckResult(context.Registration.FailureStatus, Description, data: data);
        }
        catch (Exception exception)
        {
            return HealthCheckFailure.From(context, Description, exception, cancellationToken);
        }
    }
}
