using Npgsql;

namespace Synkro.Inventory.Data;

public static class InventoryDatabase
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>Session settings of every inventory connection; the benchmark gives pgbench the same.</summary>
    public const string SessionOptions = "-c plan_cache_mode=force_custom_plan";

    /// <summary>
    /// The reservation path runs the same few statements thousands of times a second, so connections
    /// prepare them (parsed once). Plans stay custom, though: a generic plan chosen while a table was
    /// small (a seq scan of idempotency_keys) would otherwise stay until the next ANALYZE while the
    /// table grows, and the best plan for "= ANY($1)" depends on the array's size anyway. A connection
    /// going back to the pool skips Npgsql's session reset (RESET ALL, DISCARD ...): nothing here
    /// changes session state (the migration's advisory lock is taken on an unpooled connection).
    /// </summary>
    public static string TuneConnectionString(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        NoResetOnClose = true,
        MaxAutoPrepare = 64,
        AutoPrepareMinUsages = 2,
        Options = SessionOptions,
    }.ConnectionString;
}
