using System.Globalization;
using Npgsql;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// Items for a benchmark, written straight into inventorydb: <c>{prefix}-00000</c> onwards in one
/// warehouse of their own, each with more stock than any run can take, received through the ledger
/// (so the invariants hold), priced when a price is given (orders need one).
/// </summary>
internal static class BenchmarkCatalog
{
    public static string Sku(string prefix, int index) => $"{prefix}-{index:D5}";

    public static async Task SeedAsync(string database, string prefix, int count, int stock, decimal? price = null)
    {
        var warehouse = Guid.CreateVersion7();
        var priced = price is { } p ? p.ToString(CultureInfo.InvariantCulture) : "NULL";
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var seed = new NpgsqlCommand(
            $"""
            INSERT INTO inventory.warehouses (id, code, name, country, is_active, priority, created_at, updated_at)
            VALUES ('{warehouse}', '{prefix}', 'Benchmark warehouse {prefix}', 'DE', true, 1, now(), now());
            INSERT INTO inventory.items (id, sku, name, category, price, currency, low_stock_threshold, overstock_threshold, created_at, updated_at)
            SELECT gen_random_uuid(), '{prefix}-' || lpad(g::text, 5, '0'), 'Benchmark item ' || g, '{prefix}', {priced}, {(price is null ? "NULL" : "'EUR'")}, 10, 2000000000, now(), now()
            FROM generate_series(0, {count - 1}) g;
            INSERT INTO inventory.stock_levels (item_id, warehouse_id, on_hand, reserved, incoming, updated_at)
            SELECT id, '{warehouse}', {stock}, 0, 0, now() FROM inventory.items WHERE category = '{prefix}';
            INSERT INTO inventory.stock_movements (id, item_id, warehouse_id, type, on_hand_delta, reserved_delta, incoming_delta, reason_code, actor, occurred_at)
            SELECT gen_random_uuid(), id, '{warehouse}', 'Receipt', {stock}, 0, 0, 'receipt', 'benchmark', now() FROM inventory.items WHERE category = '{prefix}';
            ANALYZE;
            """, connection);
        await seed.ExecuteNonQueryAsync();
    }
}
