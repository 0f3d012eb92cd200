using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox rows in sequence order, with publisher confirms, and marks them sent in
/// the same database transaction that read them. Woken by the outbox trigger's NOTIFY, and by a poll
/// that also picks up what a crashed process left unpublished. While the broker is down it retries
/// with growing waits; a crash between publish and marking re-publishes, which the inboxes absorb.
/// One replica relays at a time (a transaction-scoped advisory lock), which keeps per-aggregate order.
/// </summary>
internal sealed partial class OutboxRelay(
    EventBusContext bus,
    OutboxBacklog backlog,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!bus.Options.RelayEnabled)
        {
            return;
        }

        await bus.SchemaReady.WaitAsync(stoppingToken);
        _ = ListenAsync(stoppingToken);
        var failures = 0;
        IConnection? connection = null;
        IChannel? channel = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (channel is not { IsOpen: true })
                {
                    await DisposeAsync(connection, channel);
                    connection = await bus.Broker.OpenAsync("outbox relay", stoppingToken);
                    channel = await BrokerConnection.ConfirmingChannelAsync(connection, stoppingToken);
                    await Topology.DeclareExchangeAsync(channel, bus.Options);
                }

                while (await RelayBatchAsync(channel, stoppingToken) == bus.Options.RelayBatchSize)
                {
                    // A full batch: there is probably more.
                }

                failures = 0;
                backlog.LastError = null;
                await WaitForWorkAsync(bus.Options.RelayPollInterval, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                backlog.LastError = e.Message;
                LogRelayFailed(e.Message, failures);
                await DisposeAsync(connection, channel);
                (connection, channel) = (null, null);
                await RefreshBacklogAsync(stoppingToken);
                await WaitForWorkAsync(Backoff(failures), stoppingToken);
            }
        }

        await DisposeAsync(connection, channel);
    }

    private async Task<int> RelayBatchAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await using var connection = await bus.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtext('synkro.outbox.relay'))", connection, transaction))
        {
            if (await lockCommand.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0; // Another replica is relaying this database.
            }
        }

        var rows = await ReadUnsentAsync(connection, transaction, cancellationToken);
        if (rows.Count == 0)
        {
            backlog.Count = 0;
            backlog.Oldest = null;
            return 0;
        }

        // Sent in sequence order on one channel; the confirms are awaited together so a batch costs one round trip.
        var confirms = new List<Task>(rows.Count);
        foreach (var row in rows)
        {
            confirms.Add(PublishAsync(channel, row, cancellationToken));
        }

        await Task.WhenAll(confirms);
        await using (var mark = new NpgsqlCommand("UPDATE messaging.outbox SET sent_at = now() WHERE sequence = ANY(@sequences)", connection, transaction))
        {
            mark.Parameters.AddWithValue("sequences", rows.Select(r => r.Sequence).ToArray());
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        MessagingTelemetry.Published.Add(rows.Count);
        backlog.LastRelayedAt = DateTimeOffset.UtcNow;
        await RefreshBacklogAsync(cancellationToken);
        return rows.Count;
    }

    private async Task PublishAsync(IChannel channel, OutboxMessage row, CancellationToken cancellationToken)
    {
        using var activity = MessagingTelemetry.Source.StartActivity(
            $"{row.EventType} publish", ActivityKind.Producer, MessagingTelemetry.ParentFrom(row.TraceParent, row.TraceState));
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", bus.Options.Exchange);
        activity?.SetTag("messaging.message.id", row.Id.ToString());
        var properties = new BasicProperties
        {
            MessageId = row.Id.ToString(),
            Type = row.EventType,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(row.CreatedAt.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?>
            {
                [MessagingTelemetry.TraceParentHeader] = activity?.Id ?? row.TraceParent,
                [MessagingTelemetry.TraceStateHeader] = activity?.TraceStateString ?? row.TraceState,
                ["x-synkro-ordering-key"] = row.OrderingKey,
            },
        };
        await channel.BasicPublishAsync(bus.Options.Exchange, row.EventType, mandatory: false, properties, Encoding.UTF8.GetBytes(row.Payload), cancellationToken);
    }

    private async Task<List<OutboxMessage>> ReadUnsentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            """
            SELECT sequence, id, event_type, payload::text, ordering_key, trace_parent, trace_state, created_at
            FROM messaging.outbox WHERE sent_at IS NULL ORDER BY sequence LIMIT @limit
            """, connection, transaction);
        select.Parameters.AddWithValue("limit", bus.Options.RelayBatchSize);
        var rows = new List<OutboxMessage>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxMessage
            {
                Sequence = reader.GetInt64(0),
                Id = reader.GetGuid(1),
                EventType = reader.GetString(2),
                Payload = reader.GetString(3),
                OrderingKey = reader.IsDBNull(4) ? null : reader.GetString(4),
                TraceParent = reader.IsDBNull(5) ? null : reader.GetString(5),
                TraceState = reader.IsDBNull(6) ? null : reader.GetString(6),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
            });
        }

        return rows;
    }

    /// <summary>Counts what is waiting, for the health check and the backlog gauges.</summary>
    private async Task RefreshBacklogAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = bus.DataSource.CreateCommand("SELECT count(*), min(created_at) FROM messaging.outbox WHERE sent_at IS NULL");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            backlog.Count = reader.GetInt64(0);
            backlog.Oldest = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        }
        catch (NpgsqlException e)
        {
            LogBacklogUnknown(e.Message);
        }
    }

    /// <summary>LISTENs for the outbox trigger's notifications on a dedicated connection, reconnecting as needed.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await bus.DataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {MessagingSchema.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogListenFailed(e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    private async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await ((Task)wake.WaitAsync(timeout, cancellationToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 10))) * (0.8 + Random.Shared.NextDouble() * 0.4));

    private async Task DisposeAsync(IConnection? connection, IChannel? channel)
    {
        foreach (var disposable in new IAsyncDisposable?[] { channel, connection }.OfType<IAsyncDisposable>())
        {
            try
            {
                await disposable.DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Closing what the broker already dropped can fail; the next attempt opens new ones.
                LogCloseFailed(e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Outbox relay failed ({Failures} in a row), retrying: {Reason}")]
    private partial void LogRelayFailed(string reason, int failures);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Outbox LISTEN connection failed, reconnecting: {Reason}")]
    private partial void LogListenFailed(string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Closing the relay's broker connection failed: {Reason}")]
    private partial void LogCloseFailed(string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Could not count the outbox backlog: {Reason}")]
    private partial void LogBacklogUnknown(string reason);
}
