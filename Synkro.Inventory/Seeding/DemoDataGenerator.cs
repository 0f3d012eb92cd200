using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Synkro.Inventory.Data;
using Synkro.Inventory.Stock;

namespace Synkro.Inventory.Seeding;

/// <summary>
/// Seeds realistic demo data: warehouses across Europe, items in ten categories with attributes and
/// prices, stock levels in one to a few warehouses each, and the ledger that explains every level
/// (receipts, then damage, shrinkage and cycle-count corrections). Rows go in by binary COPY in one
/// transaction, which takes a million items in minutes; the invariants hold for the result (on hand
/// is the sum of movements, nothing reserved).
/// </summary>
public static class DemoDataGenerator
{
    public static async Task<DemoDataSummary> SeedAsync(string connectionString, DemoDataOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using (var db = new InventoryDbContext(new DbContextOptionsBuilder<InventoryDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(InventoryDatabase.MigrationsHistoryTable, InventoryDbContext.Schema)).Options))
        {
            await InventorySchema.MigrateAsync(db, pending => progress($"applying migrations {string.Join(", ", pending)}"), cancellationToken);
        }

        // COPY of millions of rows outlasts any command timeout.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SkipForeignKeyChecksAsync(connection, transaction, progress, cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM inventory.items WHERE sku LIKE $1)", connection, transaction) { Parameters = { new() { Value = options.Prefix + "-%" } } })
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is true)
            {
                throw new InvalidOperationException($"Items with the prefix '{options.Prefix}' exist already; choose another --prefix.");
            }
        }

        var now = DateTimeOffset.UtcNow;
        var warehouses = await InsertWarehousesAsync(connection, transaction, options, now, cancellationToken);
        progress($"{warehouses.Length} warehouses");
        var itemIds = await CopyItemsAsync(connection, options, now, cancellationToken);
        progress($"{itemIds.Length} items");
        var levels = await CopyLevelsAsync(connection, options, itemIds, warehouses, now, cancellationToken);
        progress($"{levels} stock levels");
        var movements = await CopyMovementsAsync(connection, options, itemIds, warehouses, now, cancellationToken);
        progress($"{movements} movements");
        await transaction.CommitAsync(cancellationToken);
        await using (var analyze = new NpgsqlCommand("ANALYZE inventory.items, inventory.stock_levels, inventory.stock_movements", connection))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        return new DemoDataSummary(itemIds.Length, warehouses.Length, levels, movements, clock.Elapsed);
    }

    /// <summary>
    /// The rows are consistent by construction (levels of the items just copied, movements of those
    /// levels), so checking millions of foreign keys one row at a time buys nothing. Only a superuser
    /// may switch the checks off for the transaction; anyone else just waits longer.
    /// </summary>
    private static async Task SkipForeignKeyChecksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Action<string> progress, CancellationToken cancellationToken)
    {
        await using var savepoint = new NpgsqlCommand("SAVEPOINT fk; SET LOCAL session_replication_role = replica", connection, transaction);
        try
        {
            await savepoint.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK TO SAVEPOINT fk", connection, transaction);
            await rollback.ExecuteNonQueryAsync(cancellationToken);
            progress("not a superuser: foreign keys are checked row by row (slower)");
        }
    }

    private static async Task<Guid[]> InsertWarehousesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DemoDataOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = new Guid[options.Warehouses];
        for (var i = 0; i < ids.Length; i++)
        {
            var site = DemoCatalog.Sites[i % DemoCatalog.Sites.Length];
            ids[i] = Guid.CreateVersion7(now);
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO inventory.warehouses (id, code, name, address_line1, city, postal_code, country, contact_name, contact_email, is_active, priority, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, $10, $11, $11)
                """, connection, transaction)
            {
                Parameters =
                {
                    new() { Value = ids[i] }, new() { Value = $"{options.Prefix}-{site.Code}-{i / DemoCatalog.Sites.Length + 1}" },
                    new() { Value = site.Name }, new() { Value = $"Logistics Park {i + 1}" }, new() { Value = site.City },
                    new() { Value = site.PostalCode }, new() { Value = site.Country }, new() { Value = $"{site.City} shift lead" },
                    new() { Value = $"{site.Code.ToLowerInvariant()}@warehouses.example" }, new() { Value = 10 * (i + 1) }, new() { Value = now },
                },
            };
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return ids;
    }

    private static async Task<Guid[]> CopyItemsAsync(NpgsqlConnection connection, DemoDataOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = new Guid[options.Items];
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY inventory.items (id, sku, name, description, category, attributes, price, currency, low_stock_threshold, overstock_threshold, created_at, updated_at, archived_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (var index = 0; index < options.Items; index++)
        {
            var random = ItemRandom(options, index);
            var created = CreatedAt(now, random);
            var item = DemoCatalog.Item(options.Prefix, index, random);
            ids[index] = Guid.CreateVersion7(created);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(ids[index], NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(item.Sku, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(item.Name, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(item.Description, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(item.Category.Name, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(item.Attributes, NpgsqlDbType.Jsonb, cancellationToken);
            await copy.WriteAsync(item.Price, NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync("EUR", NpgsqlDbType.Char, cancellationToken);
            await copy.WriteAsync(item.Low, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(item.Over, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(created, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(created, NpgsqlDbType.TimestampTz, cancellationToken);
            if (random.NextDouble() < options.ArchivedShare)
            {
                await copy.WriteAsync(now.AddDays(-random.Next(30)), NpgsqlDbType.TimestampTz, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
        return ids;
    }

    private static async Task<long> CopyLevelsAsync(NpgsqlConnection connection, DemoDataOptions options, Guid[] itemIds, Guid[] warehouses, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long count = 0;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY inventory.stock_levels (item_id, warehouse_id, on_hand, reserved, incoming, updated_at) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var index = 0; index < itemIds.Length; index++)
        {
            foreach (var level in History(options, index, warehouses, now))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(itemIds[index], NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(level.Warehouse, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(level.Movements.Sum(m => m.Delta), NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(level.Movements[^1].At, NpgsqlDbType.TimestampTz, cancellationToken);
                count++;
            }
        }

        await copy.CompleteAsync(cancellationToken);
        return count;
    }

    private static async Task<long> CopyMovementsAsync(NpgsqlConnection connection, DemoDataOptions options, Guid[] itemIds, Guid[] warehouses, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long count = 0;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY inventory.stock_movements (id, item_id, warehouse_id, type, on_hand_delta, reserved_delta, incoming_delta, reason_code, note, actor, occurred_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (var index = 0; index < itemIds.Length; index++)
        {
            foreach (var level in History(options, index, warehouses, now))
            {
                foreach (var movement in level.Movements)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(Guid.CreateVersion7(movement.At), NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(itemIds[index], NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(level.Warehouse, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync((movement.Reason == ReasonCodes.Receipt ? MovementType.Receipt : MovementType.Adjustment).ToString(), NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(movement.Delta, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(movement.Reason, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteNullAsync(cancellationToken);
                    await copy.WriteAsync("seed", NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(movement.At, NpgsqlDbType.TimestampTz, cancellationToken);
                    count++;
                }
            }
        }

        await copy.CompleteAsync(cancellationToken);
        return count;
    }

    private sealed record SeedMovement(string Reason, int Delta, DateTimeOffset At);

    private sealed record SeedLevel(Guid Warehouse, List<SeedMovement> Movements);

    /// <summary>An item's levels and their ledgers, derived from its index alone (so both COPY passes agree).</summary>
    private static IEnumerable<SeedLevel> History(DemoDataOptions options, int index, Guid[] warehouses, DateTimeOffset now)
    {
        var random = new Random(unchecked(options.Seed * 31 + index * 7919 + 17));
        var created = CreatedAt(now, ItemRandom(options, index));
        var count = 1 + random.Next(Math.Min(options.MaxLevelsPerItem, warehouses.Length));
        var first = random.Next(warehouses.Length);
        for (var l = 0; l < count; l++)
        {
            var at = created.AddHours(1 + random.Next(72));
            var onHand = options.MinFirstReceipt + random.Next(options.MaxFirstReceipt - options.MinFirstReceipt + 1);
            var movements = new List<SeedMovement> { new(ReasonCodes.Receipt, onHand, at) };
            for (var m = 1; m < options.MovementsPerLevel; m++)
            {
                at = at.AddHours(1 + random.Next((int)Math.Max(1, (now - at).TotalHours / (options.MovementsPerLevel + 1))));
                var (reason, delta) = random.Next(4) switch
                {
                    0 => ("damage", -Math.Min(onHand, 1 + random.Next(3))),
                    1 => ("cycle_count", -Math.Min(onHand, random.Next(5)) + random.Next(3)),
                    2 => ("shrinkage", -Math.Min(onHand, 1 + random.Next(2))),
                    _ => (ReasonCodes.Receipt, 10 + random.Next(200)),
                };
                if (delta != 0)
                {
                    movements.Add(new SeedMovement(reason, delta, at < now ? at : now));
                    onHand += delta;
                }
            }

            yield return new SeedLevel(warehouses[(first + l) % warehouses.Length], movements);
        }
    }

    private static Random ItemRandom(DemoDataOptions options, int index) => new(unchecked(options.Seed + index * 104729));

    private static DateTimeOffset CreatedAt(DateTimeOffset now, Random random) => now.AddMinutes(-random.Next(2 * 365 * 24 * 60)).AddDays(-3);
}
