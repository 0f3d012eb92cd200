using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Synkro.Inventory.Http;

namespace Synkro.Inventory.Reservations;

/// <summary>
/// Group commit for reservations: requests wait in a queue per writer loop while the previous
/// transaction runs, and the loop takes all that waited as its next batch. Under light load a batch
/// is one request (no added latency); under heavy load batches grow and transactions per request
/// fall. A batch that fails for a reason other than a conflict (which the writer retries) is split
/// into single requests, so one bad request cannot fail its neighbours.
/// </summary>
public sealed partial class ReservationBatcher(
    IServiceScopeFactory scopes,
    InventoryCache cache,
    IOptions<ReservationOptions> options,
    ILogger<ReservationBatcher> logger) : BackgroundService
{
    private readonly Channel<PendingReservation>[] queues = [.. Enumerable.Range(0, Math.Max(1, options.Value.Writers))
        .Select(_ => Channel.CreateUnbounded<PendingReservation>(new UnboundedChannelOptions { SingleReader = true }))];

    public Task<ReservationOutcome> SubmitAsync(PendingReservation pending)
    {
        // The smallest SKU picks the queue, so a multi-line request lands where its single-line peers do.
        var sku = pending.Skus.Min(StringComparer.Ordinal)!;
        var queue = queues[(int)((uint)StringComparer.Ordinal.GetHashCode(sku) % (uint)queues.Length)];
        if (!queue.Writer.TryWrite(pending))
        {
            pending.Completion.TrySetException(new OperationCanceledException("The service is shutting down."));
        }

        return pending.Completion.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not stoppingToken: what was queued before stop is written to the end (each transaction is short).
        await Task.WhenAll(queues.Select(queue => Task.Run(() => RunAsync(queue.Reader), CancellationToken.None)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in queues)
        {
            queue.Writer.TryComplete();
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task RunAsync(ChannelReader<PendingReservation> reader)
    {
        var batch = new List<PendingReservation>(options.Value.MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                while (batch.Count < options.Value.MaxBatch && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await WriteAsync(batch);
                batch.Clear();
            }
        }
        catch (Exception e)
        {
            LogWriterStopped(e);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }

    private async Task WriteAsync(List<PendingReservation> batch)
    {
        try
        {
            Complete(batch, await WriteOnceAsync(batch));
        }
        catch (Exception e) when (batch.Count > 1)
        {
            LogBatchSplit(batch.Count, e.Message);
            foreach (var pending in batch)
            {
                try
                {
                    Complete([pending], await WriteOnceAsync([pending]));
                }
                catch (Exception single)
                {
                    pending.Completion.TrySetException(single);
                }
            }
        }
        catch (Exception e)
        {
            batch[0].Completion.TrySetException(e);
        }
    }

    private async Task<ReservationOutcome[]> WriteOnceAsync(List<PendingReservation> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReservationWriter>().WriteAsync(batch, CancellationToken.None);
    }

    /// <summary>After commit and before answering, so a client reading levels next does not see the cached past.</summary>
    private void Complete(List<PendingReservation> batch, ReservationOutcome[] outcomes)
    {
        cache.InvalidateInBackground(batch.SelectMany(p => p.Skus).Select(InventoryCache.LevelsKey));
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(outcomes[i]);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "A reservation batch of {Count} failed ({Reason}); writing its requests one by one")]
    private partial void LogBatchSplit(int count, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "A reservation writer loop stopped")]
    private partial void LogWriterStopped(Exception exception);
}
