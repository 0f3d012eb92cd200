using System.Text.Json;
using Npgsql;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Stock;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Reservations;

/// <summary>What a reservation batch decided, gathered column by column and written with one statement per table.</summary>
internal sealed class BatchWrites(DateTimeOffset now)
{
    private readonly List<(Guid Item, Guid Warehouse, int Quantity)> holds = [];
    private readonly List<(Guid Id, Guid OrderId, Guid? Warehouse, string Strategy, DateTimeOffset ExpiresAt)> reservations = [];
    private readonly List<(Guid Reservation, Guid Item, Guid Warehouse, string Sku, int Quantity, string Actor)> allocations = [];
    private readonly List<(string Key, int Status, string Response, Guid? Reservation)> results = [];
    private readonly List<string> forgotten = [];

    public List<IntegrationEvent> Events { get; } = [];

    public ReservationResponse Reserve(PendingReservation pending, AllocationPlan plan)
    {
        var request = pending.Request;
        var id = Guid.CreateVersion7(now);
        var expiresAt = now.AddSeconds(request.TtlSeconds ?? ReservationRules.DefaultTtlSeconds);
        var lines = plan.Allocations.Select(a => new AllocationLine(a.Level.Sku, a.Level.WarehouseId, a.Quantity)).ToList();
        var response = new ReservationResponse(id, request.OrderId!.Value, ReservationStatus.Active, expiresAt, now, now, lines);
        reservations.Add((id, response.OrderId, request.WarehouseId, (request.Strategy ?? AllocationStrategy.Priority).ToString(), expiresAt));
        allocations.AddRange(plan.Allocations.Select(a => (id, a.Level.ItemId, a.Level.WarehouseId, a.Level.Sku, a.Quantity, pending.Actor)));
        results.Add((pending.Key, StatusCodes.Status201Created, JsonSerializer.Serialize(response, InventoryJson.Options), id));
        Events.Add(new StockReserved(id, response.OrderId, lines, expiresAt));
        return response;
    }

    public void Reject(PendingReservation pending, IReadOnlyList<Shortage> shortages)
    {
        results.Add((pending.Key, StatusCodes.Status409Conflict, JsonSerializer.Serialize(new RejectedBody(shortages), InventoryJson.Options), null));
        Events.Add(new ReservationRejected(pending.Request.OrderId!.Value, shortages));
    }

    public void Forget(string key) => forgotten.Add(key);

    /// <summary>The level's net change over the batch, and the threshold it crossed, if any.</summary>
    public void Hold(StockCandidate level)
    {
        holds.Add((level.ItemId, level.WarehouseId, level.Reserved - level.InitialReserved));
        if (level.Thresholds is { } thresholds)
        {
            foreach (var crossing in StockThresholds.Crossings(thresholds, level.WarehouseId, (level.OnHand, level.InitialReserved), (level.OnHand, level.Reserved)))
            {
                Events.Add(crossing);
            }
        }
    }

    public async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (holds.Count > 0)
        {
            batch.BatchCommands.Add(Sql.Command(
                ReservationSql.HoldStock, Column(holds, h => h.Item), Column(holds, h => h.Warehouse), Column(holds, h => h.Quantity), now));
        }

        if (reservations.Count > 0)
        {
            batch.BatchCommands.Add(Sql.Command(
                ReservationSql.InsertReservations,
                Column(reservations, r => r.Id), Column(reservations, r => r.OrderId), Column(reservations, r => r.Warehouse),
                Column(reservations, r => r.Strategy), Column(reservations, r => r.ExpiresAt), now));
            batch.BatchCommands.Add(Sql.Command(
                ReservationSql.InsertAllocations,
                Column(allocations, a => a.Reservation), Column(allocations, a => a.Item), Column(allocations, a => a.Warehouse),
                Column(allocations, a => a.Sku), Column(allocations, a => a.Quantity)));
            batch.BatchCommands.Add(Sql.Command(
                ReservationSql.InsertMovements,
                Column(allocations, _ => Guid.CreateVersion7(now)), Column(allocations, a => a.Item), Column(allocations, a => a.Warehouse),
                Column(allocations, a => a.Quantity), Column(allocations, a => a.Actor), Column(allocations, a => a.Reservation), now));
        }

        if (results.Count > 0)
        {
            batch.BatchCommands.Add(Sql.Command(
                ReservationSql.StoreResults,
                Column(results, r => r.Key), Column(results, r => r.Status), Column(results, r => r.Response), Column(results, r => r.Reservation)));
        }

        if (forgotten.Count > 0)
        {
            batch.BatchCommands.Add(Sql.Command(ReservationSql.ForgetKeys, forgotten.ToArray()));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static TColumn[] Column<TRow, TColumn>(List<TRow> rows, Func<TRow, TColumn> select) => [.. rows.Select(select)];
}
