using System.Globalization;
using System.Text;
using Npgsql;
using Synkro.Tests.Hosting;
using Synkro.Tests.Integration.Inventory;

namespace Synkro.Tests.Performance;

/// <summary>
/// Reservations per second through the service (HTTP, both replicas, group commit) against pgbench
/// running the same statements one transaction per reservation, with the same number of clients,
/// on the same database in the same run: (a) spread over 10,000 SKUs, (b) all on one hot SKU.
/// Service and pgbench take turns in short rounds (alternating who goes first), so that a noisy
/// neighbour on a shared machine weighs on both. Runs only when asked:
/// <c>dotnet test Synkro.Tests -c Release --filter TestCategory=Benchmark</c>.
/// </summary>
[TestFixture]
[Explicit("Minutes of full load; run with --filter TestCategory=Benchmark")]
[Category("Benchmark")]
public sealed class ReservationBenchmark
{
    private const int Skus = 10_000;
    private const int Stock = 100_000_000;
    private const int Rounds = 3;
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(Setting("SYNKRO_BENCH_ROUND_SECONDS", 8));
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);

    // JIT tiering of the two replicas on two busy cores takes about half a minute of load.
    private static readonly TimeSpan ServiceWarmup = TimeSpan.FromSeconds(Setting("SYNKRO_BENCH_WARMUP_SECONDS", 40));

    [Test]
    public async Task Reservations_per_second_through_the_service_versus_pgbench()
    {
        // Only inventory and what it waits for; no telemetry receiver, so nothing is exported.
        // SYNKRO_BENCH_RUN_DIR keeps the run directory (the services' logs) for a look afterwards.
        await using var host = TestAppHost.Start(new TestAppHostOptions
        {
            Only = [ResourceNames.Inventory],
            RunDirectory = Environment.GetEnvironmentVariable("SYNKRO_BENCH_RUN_DIR"),
            ExtraArguments = ["--reset"],
            Environment = new Dictionary<string, string> { ["Authentication__Test__Enabled"] = "true" },
        });
        var state = await host.WaitForHealthyAsync(TimeSpan.FromMinutes(5));
        var database = host.GetConnectionString(ResourceNames.InventoryDb);
        var replicas = state[ResourceNames.Inventory].Replicas.Select(r => new Uri(r.Endpoints[0].Url)).ToList();
        await SeedAsync(database);
        var work = Directory.CreateDirectory(Path.Combine(host.RunDirectory, "benchmark")).FullName;
        await HttpLoad.RunAsync(replicas, 32, random => HttpLoad.Reservation("warmup", random, Sku(random.Next(Skus))), ServiceWarmup, TimeSpan.FromSeconds(1));

        var rows = new List<string>();
        foreach (var (scenario, skus) in new[] { ("(a) 10,000 SKUs", Skus), ("(b) one hot SKU", 1) })
        {
            foreach (var clients in new[] { 16, 64 })
            {
                var (service, pgbench) = (new List<LoadRun>(), new List<LoadRun>());
                for (var round = 0; round < Rounds; round++)
                {
                    var run = $"{skus}-{clients}-{round}-{Guid.NewGuid():N}"[..24];
                    Func<Task> throughService = async () => service.Add(await HttpLoad.RunAsync(
                        replicas, clients, random => HttpLoad.Reservation(run, random, Sku(random.Next(skus))), Warmup, Round));
                    Func<Task> throughPgbench = async () => pgbench.Add(await Pgbench.RunAsync(database, Pgbench.Script(skus), clients, Round, work));
                    foreach (var turn in round % 2 == 0 ? [throughService, throughPgbench] : new[] { throughPgbench, throughService })
                    {
                        await turn();
                        await AssertNoOversellAsync(database);
                    }
                }

                var (s, p) = (LoadResult.Of(service), LoadResult.Of(pgbench));
                Assert.That((s.Failed, p.Failed), Is.EqualTo((0L, 0L)), $"{scenario} with {clients} clients: failed requests");
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {scenario} | {clients} | {s.PerSecond:0} | {s.P50Milliseconds:0.0} | {s.P99Milliseconds:0.0} | {p.PerSecond:0} | {p.P50Milliseconds:0.0} | {p.P99Milliseconds:0.0} | {s.PerSecond / p.PerSecond:0.00} |"));
                TestContext.Out.WriteLine(rows[^1]);
            }
        }

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; {Rounds} rounds of {Round.TotalSeconds:0} s each per side and scenario, taking turns; {DateTime.UtcNow:yyyy-MM-dd}.")
            .AppendLine()
            .AppendLine("| scenario | clients | service res/s | p50 ms | p99 ms | pgbench tx/s | p50 ms | p99 ms | service / pgbench |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(r => report.AppendLine(r));
        TestContext.Out.WriteLine(report.ToString());
        await File.WriteAllTextAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, "inventory-benchmark.md"), report.ToString());
    }

    private static string Sku(int index) => $"BENCH-{index:D5}";

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>10,000 items in one warehouse, each with more stock than any run can take, received through the ledger.</summary>
    private static async Task SeedAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var seed = new NpgsqlCommand(
            $"""
            INSERT INTO inventory.warehouses (id, code, name, country, is_active, priority, created_at, updated_at)
            VALUES ('00000000-0000-7000-8000-00000000be9c', 'BENCH', 'Benchmark warehouse', 'DE', true, 1, now(), now());
            INSERT INTO inventory.items (id, sku, name, category, low_stock_threshold, overstock_threshold, created_at, updated_at)
            SELECT gen_random_uuid(), 'BENCH-' || lpad(g::text, 5, '0'), 'Benchmark item ' || g, 'benchmark', 10, 2000000000, now(), now()
            FROM generate_series(0, {Skus - 1}) g;
            INSERT INTO inventory.stock_levels (item_id, warehouse_id, on_hand, reserved, incoming, updated_at)
            SELECT id, '00000000-0000-7000-8000-00000000be9c', {Stock}, 0, 0, now() FROM inventory.items WHERE category = 'benchmark';
            INSERT INTO inventory.stock_movements (id, item_id, warehouse_id, type, on_hand_delta, reserved_delta, incoming_delta, reason_code, actor, occurred_at)
            SELECT gen_random_uuid(), id, '00000000-0000-7000-8000-00000000be9c', 'Receipt', {Stock}, 0, 0, 'receipt', 'benchmark', now() FROM inventory.items WHERE category = 'benchmark';
            ANALYZE;
            """, connection);
        await seed.ExecuteNonQueryAsync();
    }

    /// <summary>Zero oversell: the database's CHECKs make reserved &gt; on hand impossible; the invariants prove every hold is accounted for.</summary>
    private static Task AssertNoOversellAsync(string database) => InventoryInvariants.AssertHoldAsync(database);
}
