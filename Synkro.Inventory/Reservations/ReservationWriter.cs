using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Stock;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Reservations;

/// <summary>
/// Writes a batch of reservation requests in one transaction: claim the idempotency keys, lock the
/// levels of every SKU involved, decide each request in arrival order against what is left, then
/// write all holds, reservations, movements, stored results and events with one statement per
/// table. Four round trips whatever the batch size (read and lock; write; outbox envelopes; commit): this is
/// what lets a hot SKU go past the one transaction per row lock that a request-per-transaction
/// design is limited to.
/// </summary>
public sealed class ReservationWriter(InventoryDbContext db, IEventOutbox outbox, TimeProvider clock)
{
    public Task<ReservationOutcome[]> WriteAsync(IReadOnlyList<PendingReservation> batch, CancellationToken cancellationToken) =>
        db.InTransactionAsync(outbox, ct => WriteBatchAsync(batch, ct), cancellationToken);

    private async Task<ReservationOutcome[]> WriteBatchAsync(IReadOnlyList<PendingReservation> batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        // A key repeated within the batch is decided once; the repeats replay that decision.
        var firsts = batch.DistinctBy(p => p.Key).ToList();
        var state = await ReadAsync(connection, transaction, firsts, now, cancellationToken);
        var unknownCandidates = firsts.SelectMany(p => p.Skus).Where(s => !state.Candidates.ContainsKey(s)).Distinct().ToArray();
        var known = unknownCandidates.Length == 0 ? [] : await KnownSkusAsync(connection, transaction, unknownCandidates, cancellationToken);

        var writes = new BatchWrites(now);
        var decided = new Dictionary<string, ReservationOutcome>(StringComparer.Ordinal);
        foreach (var pending in firsts)
        {
            decided[pending.Key] = state.Stored.TryGetValue(pending.Key, out var stored)
                ? stored.Replay(pending.RequestHash)
                : Decide(pending, state.Candidates, known, writes);
        }

        foreach (var level in state.Candidates.Values.SelectMany(c => c).Where(c => c.Reserved != c.InitialReserved))
        {
            writes.Hold(level);
        }

        await writes.ExecuteAsync(connection, transaction, cancellationToken);
        foreach (var @event in writes.Events)
        {
            outbox.Add(@event);
        }

        // Repeats of a key within the batch get the first one's outcome if they ask the same.
        var firstByKey = firsts.ToDictionary(p => p.Key, StringComparer.Ordinal);
        return [.. batch.Select(p => ReferenceEquals(p, firstByKey[p.Key]) || StoredResult.SameRequest(p, firstByKey[p.Key]) ? decided[p.Key] : new KeyReused())];
    }

    private ReservationOutcome Decide(
        PendingReservation pending, IReadOnlyDictionary<string, List<StockCandidate>> candidates, IReadOnlySet<string> known, BatchWrites writes)
    {
        var request = pending.Request;
        var unknown = pending.Skus.Where(s => !candidates.ContainsKey(s) && !known.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            writes.Forget(pending.Key);
            return new UnknownSkus(unknown);
        }

        var plan = AllocationPlanner.Plan(request.Lines!, candidates, request.WarehouseId, request.Strategy ?? AllocationStrategy.Priority);
        if (!plan.IsFull)
        {
            writes.Reject(pending, plan.Shortages);
            return new Rejected(plan.Shortages);
        }

        AllocationPlanner.Apply(plan);
        return new Reserved(writes.Reserve(pending, plan));
    }

    private static async Task<BatchState> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingReservation> firsts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = firsts.Select(p => p.Key).ToArray();
        var skus = firsts.SelectMany(p => p.Skus).Distinct(StringComparer.Ordinal).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Sql.Command(ReservationSql.ClaimKeys, keys, firsts.Select(p => p.RequestHash).ToArray(), now),
                Sql.Command(ReservationSql.LockLevels, skus),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var stored = new Dictionary<string, StoredResult>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(2))
            {
                stored[reader.GetString(0)] = new StoredResult(reader.GetFieldValue<byte[]>(1), reader.GetInt32(2), reader.GetString(3));
            }
        }

        var candidates = new Dictionary<string, List<StockCandidate>>(StringComparer.Ordinal);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var candidate = new StockCandidate
            {
                ItemId = reader.GetGuid(0),
                Sku = reader.GetString(1),
                WarehouseId = reader.GetGuid(2),
                WarehouseCode = reader.GetString(3),
                Priority = reader.GetInt32(4),
                OnHand = reader.GetInt32(5),
                InitialReserved = reader.GetInt32(6),
                Thresholds = new ItemThresholds(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetInt32(8)),
            };
            candidate.Reserved = candidate.InitialReserved;
            (candidates.TryGetValue(candidate.Sku, out var list) ? list : candidates[candidate.Sku] = []).Add(candidate);
        }

        return new BatchState(stored, candidates);
    }

    private static async Task<HashSet<string>> KnownSkusAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] skus, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReservationSql.KnownSkus, connection, transaction) { Parameters = { new() { Value = skus } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var known = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add(reader.GetString(0));
        }

        return known;
    }

    private sealed record BatchState(Dictionary<string, StoredResult> Stored, Dictionary<string, List<StockCandidate>> Candidates);

    /// <summary>A result an earlier request with the same key left.</summary>
    private sealed record StoredResult(byte[] RequestHash, int StatusCode, string Response)
    {
        public ReservationOutcome Replay(byte[] requestHash) =>
            !RequestHash.AsSpan().SequenceEqual(requestHash) ? new KeyReused()
            : StatusCode == StatusCodes.Status201Created ? new Reserved(JsonSerializer.Deserialize<ReservationResponse>(Response, InventoryJson.Options)!)
            : new Rejected(JsonSerializer.Deserialize<RejectedBody>(Response, InventoryJson.Options)!.Shortages);

        public static bool SameRequest(PendingReservation a, PendingReservation b) => a.RequestHash.AsSpan().SequenceEqual(b.RequestHash);
    }
}
