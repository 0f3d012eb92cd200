using System.Globalization;
using Npgsql;
using Synkro.Security;
using Synkro.Tests.Hosting;
using Synkro.Tests.Integration.Inventory;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// Reservations per second through the inventory service (HTTP, both replicas, group commit)
/// against pgbench running the same statements one transaction per reservation, with the same
/// number of clients, on the same database in the same run: (a) spread over 10,000 SKUs, (b) all
/// on one hot SKU, at 16 and 64 clients. Service and pgbench take turns in short rounds (who goes
/// first alternates), so a noisy neighbour on a shared machine weighs on both; the invariants are
/// checked after every turn (zero oversell).
/// <c>dotnet run -c Release --project Synkro.Tests -- bench inventory [round seconds] [warm-up seconds]</c>
/// </summary>
public static class InventoryBenchmark
{
    private const int Skus = 10_000;
    private const int Stock = 100_000_000;
    private const int Rounds = 3;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var round = TimeSpan.FromSeconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8);
        // JIT tiering of two replicas on two busy cores takes about half a minute of load.
        var serviceWarmup = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40);

        // Inventory, the gateway that issues its tokens, and what they wait for; no telemetry receiver, so nothing is exported.
        await using var host = await SynkroApp.StartAsync(new SynkroAppOptions
        {
            Only = [ResourceNames.Inventory, ResourceNames.Gateway],
            ProjectEnvironment = new Dictionary<string, string> { ["Identity__AccessTokenLifetime"] = "04:00:00" },
        });
        await host.WaitForHealthyAsync(TimeSpan.FromMinutes(5));
        var token = (await new StaffAccounts(host).ForRoleAsync(Roles.Clerk)).AccessToken;
        var database = host.GetConnectionString(ResourceNames.InventoryDb);
        var replicas = host.CreateInstanceClients(ResourceNames.Inventory).Select(c => c.BaseAddress!).ToList();
        await BenchmarkCatalog.SeedAsync(database, "BENCH", Skus, Stock);
        var work = Directory.CreateDirectory(Path.Combine(host.RunDirectory, "benchmark")).FullName;
        Console.WriteLine($"Inventory benchmark: {Environment.ProcessorCount} cores; {Rounds} rounds of {round.TotalSeconds:0} s per side and scenario, taking turns");
        Console.WriteLine($"load average before: {MachineLoad.Now}");
        await HttpLoad.RunAsync(replicas, 32, random => HttpLoad.Reservation("warmup", random, Sku(random.Next(Skus)), token), serviceWarmup, TimeSpan.FromSeconds(1));

        Console.WriteLine();
        Console.WriteLine("| scenario | clients | service res/s | p50 ms | p99 ms | pgbench tx/s | p50 ms | p99 ms | service / pgbench |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (scenario, skus) in new[] { ("(a) 10,000 SKUs", Skus), ("(b) one hot SKU", 1) })
        {
            foreach (var clients in new[] { 16, 64 })
            {
                var (service, pgbench) = (new List<LoadRun>(), new List<LoadRun>());
                for (var r = 0; r < Rounds; r++)
                {
                    var run = $"{skus}-{clients}-{r}-{Guid.NewGuid():N}"[..24];
                    Func<Task> throughService = async () => service.Add(await HttpLoad.RunAsync(
                        replicas, clients, random => HttpLoad.Reservation(run, random, Sku(random.Next(skus)), token), Warmup, round));
                    Func<Task> throughPgbench = async () => pgbench.Add(await Pgbench.RunAsync(database, Pgbench.Script(skus), clients, round, work));
                    foreach (var turn in r % 2 == 0 ? [throughService, throughPgbench] : new[] { throughPgbench, throughService })
                    {
                        await turn();
                        if (await InventoryInvariants.ViolationsAsync(database) is [_, ..] broken)
                        {
                            Console.Error.WriteLine($"Invariants broken after {scenario} with {clients} clients:\n{string.Join('\n', broken)}");
                            return 1;
                        }
                    }
                }

                var (s, p) = (LoadResult.Of(service), LoadResult.Of(pgbench));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scenario} | {clients} | {s.PerSecond:0} | {s.P50Milliseconds:0.0} | {s.P99Milliseconds:0.0} | {p.PerSecond:0} | {p.P50Milliseconds:0.0} | {p.P99Milliseconds:0.0} | {s.PerSecond / p.PerSecond:0.00} |"));
                if (s.Failed + p.Failed > 0)
                {
                    Console.Error.WriteLine($"{scenario} with {clients} clients: {s.Failed} service and {p.Failed} pgbench requests failed");
                    return 1;
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"load average after: {MachineLoad.Now}");
        Console.WriteLine("Invariants held after every turn: zero oversell.");
        return 0;
    }

    private static string Sku(int index) => BenchmarkCatalog.Sku("BENCH", index);
}

/// <summary>The machine's load, printed with results: these machines are shared.</summary>
internal static class MachineLoad
{
    public static string Now =>
        File.Exists("/proc/loadavg") ? $"{string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} on {Environment.ProcessorCount} cores" : "unknown";
}
