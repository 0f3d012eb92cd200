using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Synkro.Inventory.Seeding;
using Synkro.Tests.Hosting;
using Synkro.Tests.Integration.Inventory;

namespace Synkro.Tests.Performance;

/// <summary>
/// Seeds a million demo items with the data generator, then times the catalogue's reads through
/// HTTP: listing (first and deep keyset pages, by category) and search (by name words and SKU
/// fragments), one request at a time. Goal: p99 under 100 ms for listing and search.
/// <c>dotnet test Synkro.Tests -c Release --filter TestCategory=CatalogBenchmark</c>
/// (SYNKRO_SEED_ITEMS changes the size).
/// </summary>
[TestFixture]
[Explicit("Seeds a million items (minutes); run with --filter TestCategory=CatalogBenchmark")]
[Category("CatalogBenchmark")]
public sealed class CatalogAtScaleBenchmark
{
    private const int Samples = 200;

    [Test]
    public async Task Listing_and_search_stay_under_100_ms_p99_at_a_million_items()
    {
        var items = Environment.GetEnvironmentVariable("SYNKRO_SEED_ITEMS") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1_000_000;
        await using var host = TestAppHost.Start(new TestAppHostOptions
        {
            Only = [ResourceNames.Inventory],
            RunDirectory = Environment.GetEnvironmentVariable("SYNKRO_BENCH_RUN_DIR"),
            ExtraArguments = ["--reset"],
            Environment = new Dictionary<string, string> { ["Authentication__Test__Enabled"] = "true" },
        });
        var state = await host.WaitForHealthyAsync(TimeSpan.FromMinutes(5));
        var options = new DemoDataOptions { Items = items, Warehouses = 8 };
        var seeded = await DemoDataGenerator.SeedAsync(host.GetConnectionString(ResourceNames.InventoryDb), options, line => TestContext.Out.WriteLine(line), CancellationToken.None);
        TestContext.Out.WriteLine($"Seeded {seeded.Items} items, {seeded.Levels} levels, {seeded.Movements} movements in {seeded.Elapsed.TotalSeconds:0} s");
        await InventoryInvariants.AssertHoldAsync(host.GetConnectionString(ResourceNames.InventoryDb));

        using var http = new HttpClient { BaseAddress = new Uri(state[ResourceNames.Inventory].Replicas[0].Endpoints[0].Url) };
        http.DefaultRequestHeaders.Add("X-Test-User", "benchmark");
        http.DefaultRequestHeaders.Add("X-Test-Roles", "viewer");
        var random = new Random(7);
        string AnySku() => DemoCatalog.Item(options.Prefix, random.Next(items), new Random(0)).Sku;
        string Word(Func<DemoCatalog.Category, string[]> pick)
        {
            var category = DemoCatalog.Categories[random.Next(DemoCatalog.Categories.Length)];
            var words = pick(category);
            return words[random.Next(words.Length)];
        }

        var queries = new (string Name, Func<string> Path)[]
        {
            ("list, first page", () => "/api/inventory/items?limit=50"),
            ("list, deep keyset page", () => $"/api/inventory/items?limit=50&after={AnySku()}"),
            ("list by category", () => $"/api/inventory/items?limit=50&category={DemoCatalog.Categories[random.Next(10)].Name}&after={AnySku()}"),
            ("search a name word", () => $"/api/inventory/items?limit=50&q={Uri.EscapeDataString(Word(c => c.Nouns))}"),
            ("search two words", () => $"/api/inventory/items?limit=50&q={Uri.EscapeDataString($"{Word(c => c.Materials)} {Word(c => c.Nouns)}")}"),
            ("search a SKU fragment", () => $"/api/inventory/items?limit=50&q={random.Next(items) / 100:D5}"),
            ("search a whole SKU", () => $"/api/inventory/items?limit=50&q={AnySku()}"),
            ("item details", () => $"/api/inventory/items/{AnySku()}"),
            ("levels of an item", () => $"/api/inventory/items/{AnySku()}/levels"),
        };

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{seeded.Items:N0} items, {seeded.Levels:N0} levels, {seeded.Movements:N0} movements (seeded in {seeded.Elapsed.TotalSeconds:0} s); {Samples} sequential requests per query after 20 warm-up; {DateTime.UtcNow:yyyy-MM-dd}.")
            .AppendLine()
            .AppendLine("| query | p50 ms | p99 ms | max ms |")
            .AppendLine("|---|---:|---:|---:|");
        var slow = new List<string>();
        foreach (var (name, path) in queries)
        {
            var latencies = new List<double>();
            for (var i = 0; i < Samples + 20; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path());
                await response.Content.LoadIntoBufferAsync();
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{name}: {await response.Content.ReadAsStringAsync()}");
                if (i >= 20)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            latencies.Sort();
            var (p50, p99) = (LoadResult.Percentile(latencies, 0.5), LoadResult.Percentile(latencies, 0.99));
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {p50:0.0} | {p99:0.0} | {latencies[^1]:0.0} |");
            if (name.StartsWith("list", StringComparison.Ordinal) || name.StartsWith("search", StringComparison.Ordinal))
            {
                slow.AddRange(p99 >= 100 ? [$"{name}: p99 {p99:0} ms"] : []);
            }
        }

        TestContext.Out.WriteLine(report.ToString());
        await File.WriteAllTextAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, "inventory-catalog-benchmark.md"), report.ToString());
        Assert.That(slow, Is.Empty, "listing and search p99 must stay under 100 ms");
    }
}
