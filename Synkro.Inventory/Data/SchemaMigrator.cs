using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Synkro.Inventory.Data;

/// <summary>
/// Applies the EF Core migrations before the service accepts requests. Running in StartAsync means
/// Kestrel (and with it /health) only starts listening once the schema is current, so the AppHost
/// never sees a replica healthy on an old schema.
/// </summary>
internal sealed partial class SchemaMigrator(
    IServiceScopeFactory scopes,
    SchemaState state,
    ILogger<SchemaMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
                var applied = await InventorySchema.MigrateAsync(db, pending => LogApplying(string.Join(", ", pending)), cancellationToken);
                LogSchemaReady(applied);
                state.MarkReady();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                // The AppHost starts us once PostgreSQL is healthy; this covers a restart of the server.
                LogMigrationFailed(e.Message, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applying migrations {Migrations}")]
    private partial void LogApplying(string migrations);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Inventory schema is current ({Applied} migrations applied by this replica)")]
    private partial void LogSchemaReady(int applied);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Migrating the inventory schema failed (attempt {Attempt}), retrying: {Reason}")]
    private partial void LogMigrationFailed(string reason, int attempt);
}

/// <summary>Whether this replica has seen the schema current; reported by the "inventory-schema" health check.</summary>
internal sealed class SchemaState
{
    private volatile bool ready;

    public bool IsReady => ready;

    public void MarkReady() => ready = true;
}
