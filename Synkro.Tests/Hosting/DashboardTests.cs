using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Synkro.Tests.Hosting;

/// <summary>
/// What a developer sees after `dotnet run --project Synkro.AppHost`: the real Aspire dashboard lists every
/// resource as running and healthy, and a request through the gateway appears as one trace across the
/// gateway and inventory. Runs its own AppHost, so it stays independent of the shared test host.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Hosting")]
[NonParallelizable]
public sealed class DashboardTests
{
    // A first run creates the PostgreSQL cluster and RabbitMQ's node before anything else can start.
    private static readonly TimeSpan StartTimeout = Deadlines.AppHostStart;
    // The dashboard learns state and telemetry asynchronously, a little after state.json and the response.
    private static readonly TimeSpan DashboardTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Singletons =
    [
        ResourceNames.Logistics, ResourceNames.Notifications, ResourceNames.Forecasting, ResourceNames.Web,
        ResourceNames.Postgres, ResourceNames.Messaging, ResourceNames.Cache, ResourceNames.Mail,
        ResourceNames.IdentityDb, ResourceNames.InventoryDb, ResourceNames.LogisticsDb, ResourceNames.NotificationsDb, ResourceNames.ForecastingDb, ResourceNames.WebDb,
    ];

    /// <summary>Two replicas each, shown as two rows named after their instances.</summary>
    private static readonly string[] Replicated = [ResourceNames.Inventory, ResourceNames.Gateway];

    [Test]
    public async Task Dashboard_shows_every_resource_running_and_one_trace_through_gateway_and_inventory()
    {
        await Chromium.EnsureInstalledAsync();
        await using var appHost = AppHostProcess.Start(null, SynkroApp.DeployedReplicas);
        var login = await appHost.WaitForLoginUrlAsync(TimeSpan.FromMinutes(2));
        var state = await appHost.WaitForHealthyAsync(StartTimeout);

        // Signed in as the first admin, with the password the AppHost generated and kept in its user secrets.
        using (var http = new HttpClient { BaseAddress = state[ResourceNames.Gateway].Http })
        {
            using var signIn = await StaffAccounts.SignInAsync(http, "/auth/login", new { username = "admin", password = AdminPasswordFromUserSecrets() });
            Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signIn.Content.ReadAsStringAsync());
            var token = (await signIn.Content.ReadFromJsonAsync<StaffAccounts.Tokens>())!.AccessToken;
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/inventory/items");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "forwarded to inventory and answered");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Args = Chromium.Args });
        // Tall enough that the resource grid shows every row without scrolling its virtualized body.
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1600 } });
        try
        {
            await page.GotoAsync(login);
            await AssertResourcesRunningAsync(page);
            await AssertTraceThroughGatewayAndInventoryAsync(page, appHost.Dashboard);
        }
        catch
        {
            var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "dashboard-failure.png");
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            TestContext.AddTestAttachment(screenshot);
            throw;
        }

        Assert.That(await appHost.StopAsync(Deadlines.Stop), Is.Zero, appHost.Output);
    }

    /// <summary>Reads the Resources grid: one row per resource and replica, the state in the second column.</summary>
    private static async Task AssertResourcesRunningAsync(IPage page)
    {
        var rows = new Dictionary<string, string>();
        await PollAsync(async () =>
        {
            rows.Clear();
            // One snapshot in the page: the grid re-renders as updates stream in, so row handles go stale.
            // The state cell's title carries the health when the text alone would say "Running".
            var shown = await page.Locator("tr.resource-row").EvaluateAllAsync<string[][]>(
                "rows => rows.map(r => [r.querySelector('.resource-name-text')?.innerText.trim() ?? '', " +
                "(r.querySelector(\"td[col-index='2']\")?.innerText.trim() ?? '') + ' ' + (r.querySelector(\"td[col-index='2']\")?.title ?? '')])");
            foreach (var row in shown)
            {
                rows[row[0]] = row[1];
            }

            return Singletons.All(n => rows.GetValueOrDefault(n)?.StartsWith("Running", StringComparison.Ordinal) == true)
                && Replicated.All(n => rows.Count(r => r.Key.StartsWith(n + "-", StringComparison.Ordinal) && r.Value.StartsWith("Running", StringComparison.Ordinal)) == 2)
                && !rows.Values.Any(IsUnhealthy);
        }, () => "Resources page: " + string.Join(", ", rows.Select(r => $"{r.Key}={r.Value}")));

        foreach (var (name, shown) in rows)
        {
            Assert.That(shown, Does.StartWith("Running").Or.StartWith("Finished"), name);
        }
    }

    private static string AdminPasswordFromUserSecrets()
    {
        var secrets = Microsoft.Extensions.Configuration.UserSecrets.PathHelper.GetSecretsPathFromSecretsId("synkro-apphost");
        return System.Text.Json.JsonDocument.Parse(File.ReadAllText(secrets)).RootElement.GetProperty("Parameters:admin-password").GetString()!;
    }

    private static bool IsUnhealthy(string shown) =>
        shown.Contains("Unhealthy", StringComparison.OrdinalIgnoreCase) || shown.Contains("Degraded", StringComparison.OrdinalIgnoreCase);

    /// <summary>Traces filtered by name; the Spans column names each resource that contributed spans.</summary>
    private static async Task AssertTraceThroughGatewayAndInventoryAsync(IPage page, Uri dashboard)
    {
        await page.GotoAsync(new Uri(dashboard, $"/traces/resource/{ResourceNames.Gateway}").ToString());
        await page.Locator("input[name='traces-search']").FillAsync("/api/inventory");
        var seen = new List<string>();
        await PollAsync(async () =>
        {
            seen.Clear();
            seen.AddRange(await page.Locator("tr.fluent-data-grid-row:has(.trace-service-tag)").EvaluateAllAsync<string[]>(
                "rows => rows.map(r => r.querySelector('.trace-name-content').innerText.trim() + ': ' + " +
                "[...r.querySelectorAll('.trace-service-tag')].map(t => t.innerText.trim()).join(' '))"));

            // Replicas report under their instance names (inventory-abc123), the resource name being the prefix.
            return seen.Any(t => t.Contains("/api/inventory/", StringComparison.Ordinal)
                // Replicas report under their instance names (gateway-abc123).
                && t.Contains($" {ResourceNames.Gateway}-", StringComparison.Ordinal)
                && t.Contains($" {ResourceNames.Inventory}-", StringComparison.Ordinal));
        }, () => "Gateway traces: " + (seen.Count == 0 ? "(none)" : string.Join(" | ", seen)));
    }

    private static async Task PollAsync(Func<Task<bool>> condition, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > DashboardTimeout)
            {
                Assert.Fail($"Not shown within {DashboardTimeout.TotalSeconds}s. {describe()}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
