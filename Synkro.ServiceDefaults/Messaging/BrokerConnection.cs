using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Opens the event bus's own broker connections: one for the relay's publishing and one for
/// consuming (RabbitMQ's advice, so flow control on publishers never stalls consumers). Automatic
/// recovery is off: the relay and consumer loops reconnect themselves with backoff, which keeps
/// channel state (confirms, consumers) simple to reason about.
/// </summary>
internal sealed class BrokerConnection(IConfiguration configuration, string connectionName, string serviceName)
{
    public async Task<IConnection> OpenAsync(string purpose, CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The event bus needs 'ConnectionStrings:{connectionName}' (environment variable ConnectionStrings__{connectionName}).");
        }

        var factory = new ConnectionFactory
        {
            Uri = new Uri(connectionString),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        return await factory.CreateConnectionAsync($"{serviceName} {purpose}", cancellationToken);
    }

    public static Task<IChannel> ConfirmingChannelAsync(IConnection connection, CancellationToken cancellationToken) =>
        connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
}
