using Npgsql;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>
/// What must hold in inventorydb after any scenario, read straight from the database in one
/// snapshot: every level agrees with the reservations and with its ledger, nothing is negative or
/// oversold, and transfers and reservations moved their stock exactly once.
/// </summary>
internal static class InventoryInvariants
{
    private static readonly (string Rule, string Violations)[] Rules =
    [
        ("reserved = sum of held and allocated reservations", """
            SELECT l.item_id || '/' || l.warehouse_id || ': reserved ' || l.reserved || ', held and allocated ' || coalesce(a.held, 0)
            FROM inventory.stock_levels l
            LEFT JOIN (SELECT ra.item_id, ra.warehouse_id, sum(ra.quantity) AS held
                       FROM inventory.reservation_allocations ra JOIN inventory.reservations r ON r.id = ra.reservation_id
                       WHERE r.status IN ('Active', 'Allocated') GROUP BY 1, 2) a USING (item_id, warehouse_id)
            WHERE l.reserved <> coalesce(a.held, 0)
            """),
        ("on hand, reserved and incoming = sums of the level's movements", """
            SELECT l.item_id || '/' || l.warehouse_id || ': level ' || l.on_hand || '/' || l.reserved || '/' || l.incoming
                   || ', movements ' || coalesce(m.on_hand, 0) || '/' || coalesce(m.reserved, 0) || '/' || coalesce(m.incoming, 0)
            FROM inventory.stock_levels l
            LEFT JOIN (SELECT item_id, warehouse_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved, sum(incoming_delta) AS incoming
                       FROM inventory.stock_movements GROUP BY 1, 2) m USING (item_id, warehouse_id)
            WHERE (l.on_hand, l.reserved, l.incoming) IS DISTINCT FROM (coalesce(m.on_hand, 0), coalesce(m.reserved, 0), coalesce(m.incoming, 0))
            """),
        ("0 <= reserved <= on hand, available >= 0", """
            SELECT item_id || '/' || warehouse_id || ': on hand ' || on_hand || ', reserved ' || reserved || ', available ' || available
            FROM inventory.stock_levels WHERE reserved < 0 OR reserved > on_hand OR available < 0 OR available <> on_hand - reserved
            """),
        ("incoming = transfers in transit to the level", """
            SELECT l.item_id || '/' || l.warehouse_id || ': incoming ' || l.incoming || ', in transit ' || coalesce(t.quantity, 0)
            FROM inventory.stock_levels l
            LEFT JOIN (SELECT item_id, to_warehouse_id AS warehouse_id, sum(quantity) AS quantity FROM inventory.transfers
                       WHERE status = 'InTransit' GROUP BY 1, 2) t USING (item_id, warehouse_id)
            WHERE l.incoming <> coalesce(t.quantity, 0)
            """),
        ("transfers conserve on hand (shipped = in transit, received = arrived + variance, cancelled = nothing)", """
            SELECT t.id || ' ' || t.status || ': on hand moved ' || coalesce(m.on_hand, 0) || ', incoming ' || coalesce(m.incoming, 0)
            FROM inventory.transfers t
            LEFT JOIN (SELECT transfer_id, sum(on_hand_delta) AS on_hand, sum(incoming_delta) AS incoming
                       FROM inventory.stock_movements WHERE transfer_id IS NOT NULL GROUP BY 1) m ON m.transfer_id = t.id
            WHERE coalesce(m.on_hand, 0) <> CASE t.status WHEN 'InTransit' THEN -t.quantity WHEN 'Received' THEN t.received_quantity - t.quantity ELSE 0 END
               OR coalesce(m.incoming, 0) <> CASE t.status WHEN 'InTransit' THEN t.quantity ELSE 0 END
            """),
        ("each reservation held once and gave back (or issued) once", """
            SELECT r.id || ' ' || r.status || ': allocated ' || a.held || ', reserved moved ' || coalesce(m.reserved, 0) || ', on hand moved ' || coalesce(m.on_hand, 0)
            FROM inventory.reservations r
            JOIN (SELECT reservation_id, sum(quantity) AS held FROM inventory.reservation_allocations GROUP BY 1) a ON a.reservation_id = r.id
            LEFT JOIN (SELECT reservation_id, sum(reserved_delta) AS reserved, sum(on_hand_delta) AS on_hand, count(*) AS movements
                       FROM inventory.stock_movements WHERE reservation_id IS NOT NULL GROUP BY 1) m ON m.reservation_id = r.id
            WHERE coalesce(m.reserved, 0) <> CASE WHEN r.status IN ('Active', 'Allocated') THEN a.held ELSE 0 END
               OR coalesce(m.on_hand, 0) <> CASE r.status WHEN 'Committed' THEN -a.held ELSE 0 END
            """),
    ];

    public static async Task AssertHoldAsync() =>
        Assert.That(await ViolationsAsync(SystemFixture.App.GetConnectionString(ResourceNames.InventoryDb)), Is.Empty, "inventory invariants");

    /// <summary>Up to five examples of each broken rule; empty when all hold.</summary>
    public static async Task<List<string>> ViolationsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var broken = new List<string>();
        foreach (var (rule, sql) in Rules)
        {
            // No LIMIT: it would tempt the planner into nested loops that rescan the aggregates.
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 300 };
            await using var reader = await command.ExecuteReaderAsync();
            for (var shown = 0; await reader.ReadAsync() && shown < 5; shown++)
            {
                broken.Add($"{rule}: {reader.GetString(0)}");
            }
        }

        return broken;
    }

    public static async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(SystemFixture.App.GetConnectionString(ResourceNames.InventoryDb));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
