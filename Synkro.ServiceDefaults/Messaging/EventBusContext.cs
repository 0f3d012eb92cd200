using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>What the relay, consumer, pruner and health check of one service's event bus share.</summary>
internal sealed class EventBusContext(
    EventBusOptions options,
    BrokerConnection broker,
    SubscriptionRegistry subscriptions,
    string serviceName,
    Func<IServiceProvider, string> databaseConnectionString,
    IServiceProvider services) : IAsyncDisposable
{
    private readonly TaskCompletionSource schemaReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lazy<NpgsqlDataSource> dataSource = new(() => NpgsqlDataSource.Create(databaseConnectionString(services)));

    public EventBusOptions Options { get; } = options;

    public BrokerConnection Broker { get; } = broker;

    public SubscriptionRegistry Subscriptions { get; } = subscriptions;

    public string ServiceName { get; } = serviceName;

    public string Queue => Options.QueueName(ServiceName);

    /// <summary>The service's own database, for the relay's and pruner's plain SQL.</summary>
    public NpgsqlDataSource DataSource => dataSource.Value;

    /// <summary>Completes once the outbox and inbox tables exist; everything else waits for it.</summary>
    public Task SchemaReady => schemaReady.Task;

    public void MarkSchemaReady() => schemaReady.TrySetResult();

    public static string ConnectionStringOf<TContext>(IServiceProvider services) where TContext : DbContext
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<TContext>().Database.GetConnectionString()
            ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no connection string.");
    }

    public async ValueTask DisposeAsync()
    {
        if (dataSource.IsValueCreated)
        {
            await dataSource.Value.DisposeAsync();
        }
    }
}
