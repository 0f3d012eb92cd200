using System.Diagnostics;
using System.Globalization;
using System.Net;
using Synkro.Inventory.Seeding;
using Synkro.Security;
using Synkro.Tests.Hosting;
using Synkro.Tests.Integration.Inventory;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// Seeds a million demo items with the data generator, then times the catalogue's reads through
/// HTTP, one request at a time: listing (first and deep keyset pages, by category), search (common
/// and rare words, SKU fragments, whole SKUs), item details and levels. Goal: listing and search
/// p99 under 100 ms. <c>dotnet run -c Release --project Synkro.Tests -- bench catalog [items]</c>
/// </summary>
public static class CatalogBenchmark
{
    private const int Samples = 200;
    private const int WarmupSamples = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var items = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        await using var host = await SynkroApp.StartAsync(new SynkroAppOptions
        {
            Only = [ResourceNames.Inventory, ResourceNames.Gateway],
        });
        await host.WaitForHealthyAsync(TimeSpan.FromMinutes(5));
        var database = host.GetConnectionString(ResourceNames.InventoryDb);
        var options = new DemoDataOptions { Items = items, Warehouses = 8 };
        var seeded = await DemoDataGenerator.SeedAsync(database, options, line => Console.WriteLine($"  {line}"), CancellationToken.None);
        if (await InventoryInvariants.ViolationsAsync(database) is [_, ..] broken)
        {
            Console.Error.WriteLine($"The seeded data breaks the invariants:\n{string.Join('\n', broken)}");
            return 1;
        }

        Console.WriteLine($"Catalog benchmark: {seeded.Items:N0} items, {seeded.Levels:N0} levels, {seeded.Movements:N0} movements, seeded in {seeded.Elapsed.TotalSeconds:0} s; {Samples} sequential requests per query after {WarmupSamples} warm-up");
        Console.WriteLine($"load average before: {MachineLoad.Now}");
        using var http = host.CreateInstanceClients(ResourceNames.Inventory)[0];
        var viewer = await new StaffAccounts(host).ForRoleAsync(Roles.Viewer);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", viewer.AccessToken);
        var random = new Random(7);
        string AnySku() => DemoCatalog.Item(options.Prefix, random.Next(items), new Random(0)).Sku;
        DemoCatalog.Category AnyCategory() => DemoCatalog.Categories[random.Next(DemoCatalog.Categories.Length)];
        string Pick(string[] words) => words[random.Next(words.Length)];
        string MaterialAndNoun()
        {
            var category = AnyCategory();
            return $"{Pick(category.Materials)} {Pick(category.Nouns)}";
        }

        var queries = new (string Name, bool Goal, Func<string> Path)[]
        {
            ("list, first page", true, () => "/api/inventory/items?limit=50"),
            ("list, deep keyset page", true, () => $"/api/inventory/items?limit=50&after={AnySku()}"),
            ("list by category", true, () => $"/api/inventory/items?limit=50&category={AnyCategory().Name}&after={AnySku()}"),
            ("search a product word (1% of items)", true, () => $"/api/inventory/items?limit=50&q={Uri.EscapeDataString(Pick(AnyCategory().Nouns))}"),
            ("search an adjective (8% of items)", true, () => $"/api/inventory/items?limit=50&q={Uri.EscapeDataString(Pick(DemoCatalog.Adjectives))}"),
            ("search material and product words", true, () => $"/api/inventory/items?limit=50&q={Uri.EscapeDataString(MaterialAndNoun())}"),
            ("search words that match nothing", true, () => $"/api/inventory/items?limit=50&q=zq{random.Next(1000)}x"),
            ("search a SKU fragment", true, () => $"/api/inventory/items?limit=50&q={random.Next(items) / 100:D5}"),
            ("search a whole SKU", true, () => $"/api/inventory/items?limit=50&q={AnySku()}"),
            ("item details", false, () => $"/api/inventory/items/{AnySku()}"),
            ("levels of an item", false, () => $"/api/inventory/items/{AnySku()}/levels"),
        };

        Console.WriteLine();
        Console.WriteLine("| query | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        var missed = new List<string>();
        foreach (var (name, goal, path) in queries)
        {
            var latencies = new List<double>();
            for (var i = 0; i < Samples + WarmupSamples; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path());
                await response.Content.LoadIntoBufferAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Console.Error.WriteLine($"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return 1;
                }

                if (i >= WarmupSamples)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            latencies.Sort();
            var (p50, p99) = (LoadResult.Percentile(latencies, 0.5), LoadResult.Percentile(latencies, 0.99));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {p50:0.0} | {p99:0.0} | {latencies[^1]:0.0} |"));
            missed.AddRange(goal && p99 >= 100 ? [$"{name}: p99 {p99:0} ms"] : []);
        }

        Console.WriteLine();
        Console.WriteLine($"load average after: {MachineLoad.Now}");
        Console.WriteLine(missed.Count == 0 ? "Goal met: listing and search p99 under 100 ms." : $"Goal missed: {string.Join("; ", missed)}");
        return missed.Count == 0 ? 0 : 1;
    }
}
