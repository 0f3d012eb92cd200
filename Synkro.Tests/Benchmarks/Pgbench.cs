using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Synkro.Inventory.Reservations;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// The baseline: pgbench running the service's own reservation statements (ReservationSql, the very
/// same text with one-element arrays) as one transaction per reservation, the naive design that
/// batching is measured against. Each statement is its own round trip, as in any
/// request-per-transaction service. pgbench keeps PostgreSQL's default plan caching (generic plans
/// allowed), which is faster for it than the service's force_custom_plan: the baseline gets its best.
/// </summary>
public static class Pgbench
{
    public const string Executable = "/usr/lib/postgresql/15/bin/pgbench";

    // pgbench -M prepared turns :variables into parameters; the casts give them their types.
    private const string Key = "ARRAY['pgbench-' || :client_id::text || '-' || :r::text]";
    private const string ReservationId = "md5(:r::text)::uuid";
    private const string Response = """'{"id":"01a20101-89e6-7ca8-892d-4bc10078ab7b","orderId":"0195b1a8-0000-7000-8000-000000000001","status":"Active","expiresAt":"2026-11-22T02:21:47.7821692+00:00","createdAt":"2026-11-22T02:06:47.7821692+00:00","updatedAt":"2026-11-22T02:06:47.7821692+00:00","allocations":[{"sku":"BENCH-00001","warehouseId":"01a200ff-c20d-78d8-8eb0-1310836974be","quantity":1}]}'""";

    // The outgoing envelope goes to a copy of Wolverine's outbox table: rows in the real one would be
    // taken for crashed publishers' envelopes and sent.
    private const string OutboxCopy = "public.pgbench_outgoing_envelopes";

    /// <summary>One reservation of one unit of SKU <c>BENCH-{i}</c>, i drawn from [0, <paramref name="skus"/>).</summary>
    public static string Script(int skus) => $"""
        \set r random(1, 9000000000000000000)
        \set i random(0, {skus - 1})
        BEGIN;
        {Fill(ReservationSql.ClaimKeys, Key, "ARRAY[sha256(:r::text::bytea)]", "now()")};
        {Fill(ReservationSql.LockLevels, "ARRAY['BENCH-' || lpad(:i::text, 5, '0')]")} \gset
        {Fill(ReservationSql.HoldStock, "ARRAY[:item_id::uuid]", "ARRAY[:warehouse_id::uuid]", "ARRAY[1]", "now()")};
        {Fill(ReservationSql.InsertReservations, $"ARRAY[{ReservationId}]", "ARRAY[md5(:r::text || 'order')::uuid]", "ARRAY[NULL::uuid]", "ARRAY['Priority']", "ARRAY[now() + interval '900 seconds']", "now()")};
        {Fill(ReservationSql.InsertAllocations, $"ARRAY[{ReservationId}]", "ARRAY[:item_id::uuid]", "ARRAY[:warehouse_id::uuid]", "ARRAY[:sku::text]", "ARRAY[1]")};
        {Fill(ReservationSql.InsertMovements, "ARRAY[md5(:r::text || 'movement')::uuid]", "ARRAY[:item_id::uuid]", "ARRAY[:warehouse_id::uuid]", "ARRAY[1]", "ARRAY['benchmark']", $"ARRAY[{ReservationId}]", "now()")};
        {Fill(ReservationSql.StoreResults, Key, "ARRAY[201]", $"ARRAY[{Response}]", $"ARRAY[{ReservationId}]")};
        INSERT INTO {OutboxCopy} (id, owner_id, destination, body, message_type) VALUES (md5(:r::text || 'event')::uuid, 1, 'rabbitmq://exchange/synkro.events', convert_to({Response}, 'UTF8'), 'StockReserved');
        COMMIT;
        """;

    public static async Task<LoadRun> RunAsync(string connectionString, string script, int clients, TimeSpan duration, string workDirectory)
    {
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await dataSource.CreateCommand($"CREATE TABLE IF NOT EXISTS {OutboxCopy} (LIKE wolverine.wolverine_outgoing_envelopes INCLUDING ALL)").ExecuteNonQueryAsync();
        }

        var scriptFile = Path.Combine(workDirectory, "reserve.sql");
        await File.WriteAllTextAsync(scriptFile, script);
        var logPrefix = Path.Combine(workDirectory, $"pgbench-{clients}-{Guid.NewGuid():N}");
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--no-vacuum", "--protocol=prepared", $"--client={clients}", "--jobs=2", $"--time={(int)duration.TotalSeconds}",
                $"--file={scriptFile}", "--log", $"--log-prefix={logPrefix}", connection.Database!,
            },
            Environment =
            {
                ["PGHOST"] = connection.Host, ["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture),
                ["PGUSER"] = connection.Username, ["PGPASSWORD"] = connection.Password,
            },
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await errors;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench exited with {process.ExitCode}:\n{text}");
        }

        var latencies = new List<double>();
        foreach (var log in Directory.GetFiles(workDirectory, Path.GetFileName(logPrefix) + "*"))
        {
            // client_id transaction_no time_us script_no time_epoch time_us_fraction
            latencies.AddRange(File.ReadLines(log).Select(line => double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture) / 1000));
            File.Delete(log);
        }

        var tps = double.Parse(text.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal)).Split(' ')[2], CultureInfo.InvariantCulture);
        var failed = text.Split('\n').FirstOrDefault(l => l.StartsWith("number of failed transactions", StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) : 0;
        return new LoadRun((long)(tps * duration.TotalSeconds), failed, duration, latencies);
    }

    /// <summary>Puts the arguments in for $1, $2, ... (highest first, so $1 never eats the start of $10).</summary>
    private static string Fill(string sql, params string[] arguments)
    {
        for (var i = arguments.Length; i >= 1; i--)
        {
            sql = sql.Replace($"${i}", arguments[i - 1], StringComparison.Ordinal);
        }

        return sql;
    }
}
