using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Synkro.Inventory.Seeding;
using Synkro.Security;
using Synkro.Tests.Hosting;
using Synkro.Tests.Integration.Web;
using static Microsoft.Playwright.Assertions;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// The staff UI in Debian's chromium over a catalogue of a million demo items: (1) the dashboard's
/// time to interactive, from navigation until its circuit is up and its figures are on screen;
/// (2) an item search, from typing a whole SKU into the search box until its one row is on screen
/// (the box waits 300 ms after the last key before it asks, and that wait is counted). Goal: under
/// 1 s each. Beside them, how long the dashboard's stock figures (a scan of the whole catalogue,
/// which the page does not wait for) take to arrive. Then screenshots of the main pages into docs/screenshots.
/// <c>dotnet run -c Release --project Synkro.Tests -- bench ui [items] [samples]</c>
/// </summary>
public static class UiBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var items = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var samples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        await using var host = await SynkroApp.StartAsync(new SynkroAppOptions
        {
            Only = [ResourceNames.Web, ResourceNames.Gateway, ResourceNames.Inventory, ResourceNames.Logistics],
        });
        await host.WaitForHealthyAsync(TimeSpan.FromMinutes(5));
        var options = new DemoDataOptions { Items = items, Warehouses = 8 };
        var seeded = await DemoDataGenerator.SeedAsync(host.GetConnectionString(ResourceNames.InventoryDb), options, line => Console.WriteLine($"  {line}"), CancellationToken.None);
        var manager = await new StaffAccounts(host).CreateAsync(Roles.Manager);
        var sku = DemoCatalog.Item(options.Prefix, 4242, new Random(0)).Sku;
        var order = await PlaceOrderAsync(host, manager.AccessToken, sku);
        Console.WriteLine($"UI benchmark: {seeded.Items:N0} items seeded in {seeded.Elapsed.TotalSeconds:0} s; {samples} samples each; {Environment.ProcessorCount} cores; load average before: {MachineLoad.Now}");

        await using var browser = await StaffBrowser.StartAsync(host.CreateHttpClient(ResourceNames.Web).BaseAddress);
        var page = await browser.SignInAsync(manager, "/", width: 1280, height: 800);
        await MeasureAsync(page, "/", samples); // warm-up: JIT, pools, the first circuit
        var (dashboard, stockFigures) = await MeasureAsync(page, "/", samples);

        await page.GotoAsync("/inventory");
        await StaffBrowser.InteractiveAsync(page);
        var random = new Random(11);
        var search = new List<double>();
        for (var i = 0; i < samples + 2; i++)
        {
            var wanted = DemoCatalog.Item(options.Prefix, random.Next(items), new Random(0)).Sku;
            var box = page.Locator("#item-search");
            await box.FillAsync("");
            await Expect(page.GetByTestId("items").GetByRole(AriaRole.Link)).Not.ToHaveCountAsync(1);
            var timer = Stopwatch.StartNew();
            await box.FillAsync(wanted);
            await Expect(page.GetByTestId("items").GetByRole(AriaRole.Link, new() { Name = wanted, Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            if (i >= 2)
            {
                search.Add(timer.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| page | p50 ms | max ms |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(Row("dashboard: navigation to interactive, order figures shown", dashboard));
        Console.WriteLine(Row($"dashboard: navigation to the stock figures over {seeded.Items:N0} items (not awaited by the page)", stockFigures));
        Console.WriteLine(Row($"item search over {seeded.Items:N0} items: typing a SKU to its row (300 ms debounce included)", search));
        Console.WriteLine($"load average after: {MachineLoad.Now}");

        await ScreenshotsAsync(page, sku, order);
        // The goal is the page's and the search's; the stock figures are reported beside them.
        return dashboard.Concat(search).Max() < 1000 ? 0 : 1;
    }

    /// <summary>Each sample a fresh navigation: until the page is interactive with its order figures, and until its stock figures are in.</summary>
    private static async Task<(List<double> Interactive, List<double> Stock)> MeasureAsync(IPage page, string path, int samples)
    {
        var (interactive, stock) = (new List<double>(), new List<double>());
        for (var i = 0; i < samples; i++)
        {
            var timer = Stopwatch.StartNew();
            await page.GotoAsync(path, new() { Timeout = 60_000 });
            await StaffBrowser.InteractiveAsync(page);
            await Expect(page.GetByTestId("orders-Confirmed")).ToBeVisibleAsync();
            interactive.Add(timer.Elapsed.TotalMilliseconds);
            await Expect(page.GetByTestId("stock-units")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            stock.Add(timer.Elapsed.TotalMilliseconds);
        }

        return (interactive, stock);
    }

    private static string Row(string name, List<double> times)
    {
        var sorted = times.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {LoadResult.Percentile(sorted, 0.5):0} | {sorted[^1]:0} |");
    }

    /// <summary>The main pages as a person sees them, into docs/screenshots (committed, shown in the docs).</summary>
    private static async Task ScreenshotsAsync(IPage page, string sku, Guid order)
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        // Each page once what it shows is in: the dashboard's stock figures arrive after it is interactive.
        foreach (var (name, path, ready) in new[]
        {
            ("dashboard", "/", "stock-units"), ("inventory", "/inventory", "items"), ("item", $"/inventory/{sku}", "movements"),
            ("orders", "/orders", "orders"), ("order", $"/orders/{order}", "history"),
        })
        {
            await page.GotoAsync(path);
            await StaffBrowser.InteractiveAsync(page);
            await Expect(page.GetByTestId(ready)).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), Animations = ScreenshotAnimations.Disabled });
            Console.WriteLine($"screenshot: docs/screenshots/{name}.png");
        }
    }

    private static async Task<Guid> PlaceOrderAsync(SynkroApp host, string token, string sku)
    {
        using var http = host.CreateHttpClient(ResourceNames.Gateway);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var customer = await http.PostAsJsonAsync("/api/customers", new { name = "Ada Lovelace", email = "ada@example.com" });
        customer.EnsureSuccessStatusCode();
        var customerId = JsonDocument.Parse(await customer.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                customerId,
                lines = new[] { new { sku, quantity = 2 } },
                payment = new { cardNumber = "4242424242424242" },
                shipping = new { recipient = "Ada Lovelace", line1 = "12 St James's Square", postalCode = "SW1Y 4JH", city = "London", country = "GB" },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var placed = await http.SendAsync(request);
        placed.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await placed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Synkro.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository, so the screenshots land in docs/screenshots.");
    }
}
