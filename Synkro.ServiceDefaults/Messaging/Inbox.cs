using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Applies one delivered event exactly once: records its id in <c>messaging.inbox</c> and runs the
/// handlers in one database transaction. A redelivery or duplicate finds the id already there (a
/// concurrent duplicate waits on the row lock, then finds it) and has no effect.
/// </summary>
internal sealed class Inbox<TContext>(IServiceScopeFactory scopes) : IInbox where TContext : DbContext
{
    public async Task<bool> ProcessAsync(Guid messageId, string consumer, Subscription subscription, IntegrationEvent @event, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // The context retries transient failures; a user transaction must run inside its execution strategy.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var firstTime = await db.Database.ExecuteSqlAsync(
                $"INSERT INTO messaging.inbox (message_id, consumer, event_type, processed_at) VALUES ({messageId}, {consumer}, {subscription.EventType.Name}, now()) ON CONFLICT DO NOTHING",
                ct) == 1;
            if (!firstTime)
            {
                await transaction.RollbackAsync(ct);
                return false;
            }

            foreach (var handle in subscription.Handlers)
            {
                await handle(scope.ServiceProvider, @event, ct);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }
}

/// <summary>The consumer's view of the inbox, free of the DbContext type.</summary>
internal interface IInbox
{
    /// <summary>True when the event was applied now; false when it had been applied before.</summary>
    Task<bool> ProcessAsync(Guid messageId, string consumer, Subscription subscription, IntegrationEvent @event, CancellationToken cancellationToken);
}
