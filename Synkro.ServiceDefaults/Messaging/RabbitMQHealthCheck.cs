using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synkro.ServiceDefaults.Health;

namespace Synkro.ServiceDefaults.Messaging;

internal sealed class RabbitMQHealthCheck(RabbitMQConnectionProvider provider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var description = $"RabbitMQ broker {provider.ConnectionName}";
        try
        {
            var connection = await provider.GetConnectionAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["endpoint"] = connection.Endpoint.ToString() };
            return connection.IsOpen
                ? HealthCheckResult.Healthy(description, data)
                : new HealthCheckResult(context.Registration.FailureStatus, $"{description}: connection lost, recovering", data: data);
        }
        catch (Exception exception)
        {
            return HealthCheckFailure.From(context, description, exception, cancellationToken);
        }
    }
}
