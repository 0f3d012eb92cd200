using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Synkro.Inventory.Data;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Reservations;

/// <summary>
/// Returns the stock of expired reservations. Every replica sweeps; FOR UPDATE SKIP LOCKED gives each
/// reservation to one transaction only, and a commit or release holding it is skipped and decides
/// it instead. Also forgets idempotency keys past their retention.
/// </summary>
public sealed partial class ReservationExpirySweeper(
    IServiceScopeFactory scopes,
    IOptions<ReservationOptions> options,
    TimeProvider clock,
    ILogger<ReservationExpirySweeper> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        var lastPrune = DateTimeOffset.MinValue;
        do
        {
            try
            {
                while (await SweepOnceAsync(stoppingToken) == options.Value.SweepBatch)
                {
                    // A full batch: more are probably due.
                }

                if (clock.GetUtcNow() - lastPrune > PruneInterval)
                {
                    await PruneKeysAsync(stoppingToken);
                    lastPrune = clock.GetUtcNow();
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        var closer = scope.ServiceProvider.GetRequiredService<ReservationCloser>();
        var outbox = scope.ServiceProvider.GetRequiredService<IEventOutbox>();
        var expired = await db.InTransactionAsync(outbox, async ct =>
        {
            var due = await closer.LockDueAsync(options.Value.SweepBatch, ct);
            if (due.Count > 0)
            {
                await closer.MoveAsync(due, ReservationStatus.Expired, ReservationCloser.ExpiryActor, ct);
            }

            return due.Count;
        }, cancellationToken);
        if (expired > 0)
        {
            LogExpired(expired);
        }

        return expired;
    }

    private async Task PruneKeysAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        var cutoff = clock.GetUtcNow() - ReservationRules.IdempotencyKeyRetention;
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM inventory.idempotency_keys WHERE key IN (SELECT key FROM inventory.idempotency_keys WHERE created_at < {cutoff} LIMIT 10000)",
            cancellationToken);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Expired {Count} reservations and returned their stock")]
    private partial void LogExpired(int count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Sweeping expired reservations failed, retrying next tick: {Reason}")]
    private partial void LogSweepFailed(string reason);
}
