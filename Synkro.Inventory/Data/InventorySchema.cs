using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Synkro.Inventory.Data;

/// <summary>
/// Migrations, applied once per database however many replicas (or seed commands) start together:
/// each takes a session-level PostgreSQL advisory lock first; the first migrates, the others wait
/// for it and then find nothing to do.
/// </summary>
public static class InventorySchema
{
    // An arbitrary application-wide constant; only inventory migrates inventorydb.
    private const long MigrationLockKey = 0x53796E6B726F_01; // "Synkro" 01

    /// <returns>How many migrations this call applied.</returns>
    public static async Task<int> MigrateAsync(InventoryDbContext db, Action<IReadOnlyList<string>> applying, CancellationToken cancellationToken)
    {
        // The lock lives on its own unpooled connection: if anything below throws, closing it releases the lock.
        var unpooled = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
        await using var lockConnection = new NpgsqlConnection(unpooled.ConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
        {
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        // Asking EF for applied migrations on an empty database logs a failed query; look first.
        await using var probe = new NpgsqlCommand($"SELECT to_regclass('{InventoryDbContext.Schema}.{InventoryDatabase.MigrationsHistoryTable}') IS NOT NULL", lockConnection);
        var applied = await probe.ExecuteScalarAsync(cancellationToken) is true ? await db.Database.GetAppliedMigrationsAsync(cancellationToken) : [];
        var pending = db.Database.GetMigrations().Except(applied).ToList();
        if (pending.Count > 0)
        {
            applying(pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockConnection);
        await release.ExecuteNonQueryAsync(cancellationToken);
        return pending.Count;
    }
}
