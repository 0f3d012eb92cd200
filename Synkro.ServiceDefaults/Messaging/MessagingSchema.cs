using Npgsql;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// The outbox and inbox tables, owned by the event bus rather than each service's migrations (as
/// Wolverine owns its envelope tables): created idempotently at startup under an advisory lock so
/// replicas starting together do not race. A trigger NOTIFYs the relay on commit, so events go out
/// without waiting for the next poll.
/// </summary>
internal static class MessagingSchema
{
    public const string NotifyChannel = "synkro_outbox";

    private const string Ddl = $"""
        SELECT pg_advisory_xact_lock(hashtext('synkro.messaging.schema'));
        CREATE SCHEMA IF NOT EXISTS messaging;
        CREATE TABLE IF NOT EXISTS messaging.outbox (
            sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id uuid NOT NULL UNIQUE,
            event_type text NOT NULL,
            payload jsonb NOT NULL,
            ordering_key text NULL,
            trace_parent text NULL,
            trace_state text NULL,
            created_at timestamptz NOT NULL,
            sent_at timestamptz NULL);
        CREATE INDEX IF NOT EXISTS outbox_unsent ON messaging.outbox (sequence) WHERE sent_at IS NULL;
        CREATE INDEX IF NOT EXISTS outbox_sent_at ON messaging.outbox (sent_at) WHERE sent_at IS NOT NULL;
        CREATE TABLE IF NOT EXISTS messaging.inbox (
            message_id uuid NOT NULL,
            consumer text NOT NULL,
            event_type text NOT NULL,
            processed_at timestamptz NOT NULL,
            PRIMARY KEY (message_id, consumer));
        CREATE INDEX IF NOT EXISTS inbox_processed_at ON messaging.inbox (processed_at);
        CREATE OR REPLACE FUNCTION messaging.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN PERFORM pg_notify('{NotifyChannel}', ''); RETURN NULL; END $$;
        CREATE OR REPLACE TRIGGER outbox_notify AFTER INSERT ON messaging.outbox FOR EACH STATEMENT EXECUTE FUNCTION messaging.notify_outbox();
        """;

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Ddl, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
