using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Data;

public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> and saves what it tracked, and the events it raised in
    /// <paramref name="outbox"/>, in one transaction; then sends the events. A serialization failure,
    /// deadlock or dropped connection re-runs the whole of it from a clean change tracker and no
    /// events, so such failures never reach a client.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this InventoryDbContext db, IEventOutbox outbox, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var result = await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, outbox, work),
            static async (_, state, cancellationToken) =>
            {
                var (db, outbox, work) = state;
                db.ChangeTracker.Clear();
                outbox.Clear();
                // SaveChanges inside our transaction would wrap itself in a savepoint: two more round
                // trips for a rollback we never use (a failure here rolls back the whole transaction).
                db.Database.AutoSavepointsEnabled = false;
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var result = await work(cancellationToken);
                await outbox.StageAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            },
            verifySucceeded: null,
            cancellationToken);
        await outbox.FlushAsync();
        return result;
    }
}

/// <summary>
/// Npgsql's retrying strategy with two changes: it also retries serialization failures and deadlocks
/// (which a lock-ordering slip or the planner could still produce), and it retries those after a
/// few milliseconds of jitter rather than the second-long backoff meant for a server that is down.
/// </summary>
internal sealed class InventoryExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 10, maxRetryDelay: TimeSpan.FromSeconds(10), errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception) => exception is not null && (IsConflict(exception) || base.ShouldRetryOn(exception));

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var delay = base.GetNextDelay(lastException);
        return delay is not null && IsConflict(lastException)
            ? TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + 5 * ExceptionsEncountered.Count))
            : delay;
    }

    public static bool IsConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }
        || exception.InnerException is { } inner && IsConflict(inner);
}
