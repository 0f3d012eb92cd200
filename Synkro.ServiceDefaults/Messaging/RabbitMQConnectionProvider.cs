using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using Synkro.ServiceDefaults.Telemetry;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// The one broker connection of the process (RabbitMQ wants few long-lived connections and a
/// channel per publisher or consumer). Created on first use from the amqp:// URI in
/// "ConnectionStrings:{name}"; after that the client's automatic recovery reconnects it, and a
/// failed first attempt is simply tried again by the next caller.
/// </summary>
public sealed partial class RabbitMQConnectionProvider(
    string connectionName,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<RabbitMQConnectionProvider> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile IConnection? connection;

    public string ConnectionName => connectionName;

    public async Task<IConnection> GetConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (connection is { } existing)
        {
            return existing;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return connection ??= await ConnectAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered keyed and unkeyed, so the container disposes this twice.
        if (Interlocked.Exchange(ref connection, null) is { } open)
        {
            await open.CloseAsync(TimeSpan.FromSeconds(5));
            await open.DisposeAsync();
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The RabbitMQ connection string 'ConnectionStrings:{connectionName}' (environment variable ConnectionStrings__{connectionName}) is not configured.");
        }

        var factory = new ConnectionFactory
        {
            Uri = new Uri(connectionString),
            AutomaticRecoveryEnabled = true,
            // Shown in the management UI, so an operator can tell which service holds a connection.
            ClientProvidedName = ServiceIdentity.GetServiceName(configuration, environment),
        };
        var created = await factory.CreateConnectionAsync(cancellationToken);
        LogConnected(connectionName, created.Endpoint.ToString());
        return created;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connected to RabbitMQ {ConnectionName} at {Endpoint}")]
    private partial void LogConnected(string connectionName, string endpoint);
}
