using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>One delivered event, ready to apply.</summary>
internal sealed record InboxItem(Guid MessageId, Subscription Subscription, IntegrationEvent Event, ActivityContext Parent);

/// <summary>The consumer's view of the inbox, free of the DbContext type.</summary>
internal interface IInbox
{
    /// <summary>Applies the events not seen before, in one transaction; returns the ids applied now.</summary>
    Task<IReadOnlySet<Guid>> ProcessAsync(IReadOnlyList<InboxItem> items, string consumer, CancellationToken cancellationToken);
}

/// <summary>
/// Applies delivered events exactly once: records their ids in <c>messaging.inbox</c> and runs their
/// handlers in one database transaction. A redelivered or duplicated id is already there (a
/// concurrent duplicate waits on the row lock, then finds it) and has no effect. Several deliveries
/// can share one transaction, which is where the consumer's throughput comes from.
/// </summary>
internal sealed class Inbox<TContext>(IServiceScopeFactory scopes) : IInbox where TContext : DbContext
{
    private const string Record = """
        INSERT INTO messaging.inbox (message_id, consumer, event_type, processed_at)
        SELECT id, @consumer, type, now() FROM unnest(@ids, @types) AS m(id, type)
        ON CONFLICT DO NOTHING RETURNING message_id
        """;

    public async Task<IReadOnlySet<Guid>> ProcessAsync(IReadOnlyList<InboxItem> items, string consumer, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // The context retries transient failures; a user transaction must run inside its execution strategy.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var firstTime = await RecordAsync(db, items, consumer, ct);
            foreach (var item in items.Where(i => firstTime.Contains(i.MessageId)).DistinctBy(i => i.MessageId))
            {
                using var activity = MessagingTelemetry.Source.StartActivity($"{item.Subscription.EventType.Name} process", ActivityKind.Consumer, item.Parent);
                activity?.SetTag("messaging.system", "rabbitmq");
                activity?.SetTag("messaging.consumer.group.name", consumer);
                activity?.SetTag("messaging.message.id", item.MessageId.ToString());
                foreach (var handle in item.Subscription.Handlers)
                {
                    await handle(scope.ServiceProvider, item.Event, ct);
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return firstTime;
        }, cancellationToken);
    }

    private static async Task<IReadOnlySet<Guid>> RecordAsync(TContext db, IReadOnlyList<InboxItem> items, string consumer, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(Record, connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        command.Parameters.AddWithValue("consumer", consumer);
        command.Parameters.AddWithValue("ids", items.Select(i => i.MessageId).ToArray());
        command.Parameters.AddWithValue("types", items.Select(i => i.Subscription.EventType.Name).ToArray());
        var recorded = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add(reader.GetGuid(0));
        }

        return recorded;
    }
}
