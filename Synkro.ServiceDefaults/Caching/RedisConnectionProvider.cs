using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Synkro.ServiceDefaults.Telemetry;

namespace Synkro.ServiceDefaults.Caching;

/// <summary>
/// Connects with abortConnect=false: the multiplexer is handed out even while Redis is down and
/// reconnects in the background, so a cache outage degrades calls instead of failing startup.
/// </summary>
internal sealed class RedisConnectionProvider(string connectionName, IConfiguration configuration, IHostEnvironment environment)
    : IRedisConnectionProvider, IDisposable
{
    private readonly Lock gate = new();
    private Task<ConnectionMultiplexer>? connecting;

    public string ConnectionName => connectionName;

    public async Task<IConnectionMultiplexer> GetConnectionAsync(CancellationToken cancellationToken = default)
    {
        Task<ConnectionMultiplexer> task;
        lock (gate)
        {
            // A failed attempt (bad connection string) is not kept: the next caller tries again.
            if (connecting is null || connecting.IsFaulted || connecting.IsCanceled)
            {
                connecting = ConnectAsync();
            }

            task = connecting;
        }

        // The client cannot cancel a connect; a caller that gives up leaves it to finish for the next.
        return await task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        // Registered keyed and unkeyed, so the container disposes this twice.
        Task<ConnectionMultiplexer>? connected;
        lock (gate)
        {
            connected = connecting;
            connecting = null;
        }

        if (connected is { IsCompletedSuccessfully: true })
        {
            connected.Result.Dispose();
        }
    }

    private Task<ConnectionMultiplexer> ConnectAsync()
    {
        var connectionString = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return Task.FromException<ConnectionMultiplexer>(new InvalidOperationException(
                $"The Redis connection string 'ConnectionStrings:{connectionName}' (environment variable ConnectionStrings__{connectionName}) is not configured."));
        }

        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ClientName ??= ServiceIdentity.GetServiceName(configuration, environment);
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
