using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Creates the outbox and inbox tables at startup (retrying until the database answers), then prunes
/// them on a schedule: sent outbox rows and remembered inbox ids older than their retention, in
/// small batches so pruning never holds long locks. Their growth is bounded by traffic × retention.
/// </summary>
internal sealed partial class MessagingMaintenance(EventBusContext bus, ILogger<MessagingMaintenance> logger) : BackgroundService
{
    private const int PruneBatch = 5000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !bus.SchemaReady.IsCompleted; attempt++)
        {
            try
            {
                await MessagingSchema.EnsureCreatedAsync(bus.DataSource, stoppingToken);
                bus.MarkSchemaReady();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogSchemaFailed(e.Message, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), stoppingToken);
            }
        }

        using var timer = new PeriodicTimer(bus.Options.PruneInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var outbox = await PruneAsync("outbox", "sequence", "sent_at", bus.Options.OutboxRetention, stoppingToken);
                var inbox = await PruneAsync("inbox", "message_id", "processed_at", bus.Options.InboxRetention, stoppingToken);
                LogPruned(outbox, inbox);
            }
            catch (NpgsqlException e)
            {
                LogPruneFailed(e.Message);
            }
        }
    }

    public async Task<long> PruneAsync(string table, string key, string timestamp, TimeSpan retention, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var command = bus.DataSource.CreateCommand(
                $"DELETE FROM messaging.{table} WHERE ctid IN (SELECT ctid FROM messaging.{table} WHERE {timestamp} < now() - @retention ORDER BY {key} LIMIT {PruneBatch})");
            command.Parameters.AddWithValue("retention", retention);
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < PruneBatch)
            {
                return total;
            }
        }
    }

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Creating the messaging tables failed (attempt {Attempt}), retrying: {Reason}")]
    private partial void LogSchemaFailed(string reason, int attempt);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "Pruned {Outbox} sent outbox rows and {Inbox} inbox ids")]
    private partial void LogPruned(long outbox, long inbox);

    [LoggerMessage(EventId = 123, Level = LogLevel.Warning, Message = "Pruning the messaging tables failed: {Reason}")]
    private partial void LogPruneFailed(string reason);
}
