using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using static Microsoft.Playwright.Assertions;

namespace Synkro.Tests.Integration.Web;

/// <summary>In-app notifications in a real browser: they arrive while the page is open, and are read there.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Web")]
[NonParallelizable]
public sealed partial class NotificationUiTests : UiScenario
{
    [Test]
    public async Task A_low_stock_alert_reaches_a_managers_open_page_live_and_is_read_there()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync(lowStockThreshold: 5);
        var other = await Inventory.CreateItemAsync(lowStockThreshold: 5);
        await Inventory.AdjustAsync(sku, warehouse, 10);
        await Inventory.AdjustAsync(other, warehouse, 10);
        var page = await Browser.SignInAsync(await SystemFixture.Accounts.CreateAsync(Roles.Manager));
        try
        {
            var bell = page.GetByTestId("inbox-bell");
            await Expect(bell).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 15_000 });
            await Expect(bell).ToHaveAttributeAsync("aria-label", "Notifications");

            await Inventory.AdjustAsync(sku, warehouse, -7, "damage");

            // No reload and no polling on the page: only the inbox stream can change the bell.
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"Low stock: {sku}" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(bell).ToHaveAttributeAsync("aria-label", Unread());
            await Expect(page.GetByTestId("dashboard-alerts")).ToContainTextAsync($"Low stock: {sku}");

            await bell.ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/notifications", StringComparison.Ordinal));
            var item = page.GetByTestId("inbox-item").Filter(new() { HasText = $"Low stock: {sku}" });
            await Expect(item).ToContainTextAsync($"{sku} is down to 3");
            await Expect(item).ToHaveAttributeAsync("data-read", "false");

            await Inventory.AdjustAsync(other, warehouse, -9, "damage"); // a second, arriving while this page is open
            await Expect(page.GetByTestId("inbox-item").Filter(new() { HasText = $"Low stock: {other}" })).ToHaveAttributeAsync("data-read", "false");

            await page.GetByRole(AriaRole.Button, new() { Name = $"Mark read: Low stock: {sku}" }).ClickAsync();
            await Expect(item).ToHaveAttributeAsync("data-read", "true");

            await page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
            await Expect(page.GetByTestId("unread-count")).ToHaveTextAsync("0 unread");
            await Expect(bell).ToHaveAttributeAsync("aria-label", "Notifications");
        }
        catch
        {
            await StaffBrowser.ScreenshotAsync(page, "inbox-live");
            throw;
        }
    }

    [GeneratedRegex(@"^Notifications, \d+ unread$")]
    private static partial Regex Unread();
}
