using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Orders;
using static Microsoft.Playwright.Assertions;

namespace Synkro.Tests.Integration.Web;

/// <summary>The staff UI in a real browser, signed in through the gateway's identity, against the whole running system.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Web")]
[NonParallelizable]
public sealed class StaffUiTests : UiScenario
{
    [TestCase(Roles.Viewer, false)]
    [TestCase(Roles.Clerk, true)]
    [TestCase(Roles.Manager, true)]
    [TestCase(Roles.Admin, true)]
    public async Task Each_role_sees_its_navigation_and_only_the_actions_it_may_take(string role, bool movesStock)
    {
        var (sku, _) = await OrdersClient.StockedItemAsync(Inventory, onHand: 3);
        var account = await SystemFixture.Accounts.CreateAsync(role);
        var page = await Browser.SignInAsync(account, $"/inventory/{sku}");
        try
        {
            await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(account.UserName);
            await Expect(page.GetByTestId("signed-in-role")).ToHaveTextAsync(role);
            var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            foreach (var link in new[] { "Dashboard", "Inventory", "Orders" })
            {
                await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = link })).ToBeVisibleAsync();
            }

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Item {sku}" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Adjust" })).ToHaveCountAsync(movesStock ? 1 : 0);
        }
        catch
        {
            await StaffBrowser.ScreenshotAsync(page, $"roles-{role}");
            throw;
        }
    }

    [Test]
    public async Task A_dashboard_figure_changes_live_when_another_client_moves_stock()
    {
        var (sku, warehouse) = await OrdersClient.StockedItemAsync(Inventory, onHand: 1);
        var page = await Browser.SignInAsync(await SystemFixture.Accounts.CreateAsync(Roles.Viewer));
        try
        {
            await Expect(page.GetByLabel("live")).ToBeVisibleAsync();
            var units = page.GetByTestId("stock-units");
            var before = long.Parse(await units.InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);

            await Inventory.AdjustAsync(sku, warehouse, 7);

            // No reload and no polling on the page: only the stock stream can change the figure.
            await Expect(units).ToHaveTextAsync((before + 7).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        }
        catch
        {
            await StaffBrowser.ScreenshotAsync(page, "dashboard-live");
            throw;
        }
    }

    [Test]
    public async Task A_brand_saved_in_settings_is_applied_at_once_on_every_open_page()
    {
        var viewer = await Browser.SignInAsync(await SystemFixture.Accounts.CreateAsync(Roles.Viewer));
        var manager = await Browser.SignInAsync(await SystemFixture.Accounts.CreateAsync(Roles.Manager), "/settings/branding");
        var name = $"Acme {Guid.NewGuid():N}"[..13];
        try
        {
            await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Branding" })).ToHaveCountAsync(0);
            await manager.Locator("#brand-name-input").FillAsync(name);
            await manager.Locator("#brand-primary").FillAsync("#7B1FA2");
            await manager.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

            await Expect(manager.GetByTestId("brand-name")).ToHaveTextAsync(name);
            // The viewer's page, open in another browser, redraws without a reload.
            await Expect(viewer.GetByTestId("brand-name")).ToHaveTextAsync(name);
            await Expect(viewer.Locator(".mud-appbar")).ToHaveCSSAsync("background-color", "rgb(123, 31, 162)");

            await manager.Locator("#brand-primary").FillAsync("purple");
            await manager.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(manager.GetByText("A colour is #RRGGBB")).ToBeVisibleAsync();
        }
        catch
        {
            await StaffBrowser.ScreenshotAsync(manager, "branding");
            throw;
        }
        finally
        {
            await manager.Locator("#brand-name-input").FillAsync("Synkro");
            await manager.Locator("#brand-primary").FillAsync("#1F5FBF");
            await manager.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(manager.GetByTestId("brand-name")).ToHaveTextAsync("Synkro");
        }
    }

    [Test]
    public async Task A_customer_signed_in_is_shown_that_the_staff_ui_is_not_for_them()
    {
        var page = await Browser.SignInAsync(await SystemFixture.Accounts.CreateAsync(Roles.Customer));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inventory" })).ToHaveCountAsync(0);
    }

    [Test]
    public async Task An_item_is_found_by_search_opened_and_adjusted_with_a_reason()
    {
        var (sku, _) = await OrdersClient.StockedItemAsync(Inventory, onHand: 4);
        var page = await Browser.SignInAsync(await SystemFixture.Accounts.CreateAsync(Roles.Clerk), "/inventory");
        try
        {
            await page.Locator("#item-search").FillAsync(sku);
            var found = page.GetByTestId("items").GetByRole(AriaRole.Link);
            await Expect(found).ToHaveCountAsync(1);
            await Expect(found).ToHaveTextAsync(sku);
            await found.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Item {sku}" })).ToBeVisibleAsync();
            var onHand = page.GetByTestId("levels").Locator("tbody tr td:nth-child(2)");
            await Expect(onHand).ToHaveTextAsync("4");

            await page.Locator("#adjust-quantity").FillAsync("-1");
            await ChooseReasonAsync(page, "damage");
            await page.Locator("#adjust-note").FillAsync("dropped by the forklift");
            await page.GetByRole(AriaRole.Button, new() { Name = "Adjust" }).ClickAsync();

            await Expect(onHand).ToHaveTextAsync("3");
            var newest = page.GetByTestId("movements").Locator("tbody tr").First;
            await Expect(newest).ToContainTextAsync("damage");
            await Expect(newest).ToContainTextAsync("-1");
            await Expect(newest).ToContainTextAsync("dropped by the forklift");
            Assert.That((await Inventory.LevelsAsync(sku)).Single().OnHand, Is.EqualTo(3), "the API agrees with the screen");
        }
        catch
        {
            await StaffBrowser.ScreenshotAsync(page, "adjust");
            throw;
        }
    }

    [Test]
    public async Task A_transfer_is_shipped_and_received_on_screen()
    {
        var (sku, source) = await OrdersClient.StockedItemAsync(Inventory, onHand: 4);
        var destination = Unique.WarehouseCode();
        await Inventory.CreateWarehouseAsync(destination);
        var sourceCode = (await Inventory.LevelsAsync(sku)).Single(l => l.WarehouseId == source).WarehouseCode;
        var page = await Browser.SignInAsync(await SystemFixture.Accounts.CreateAsync(Roles.Clerk), $"/inventory/{sku}");
        try
        {
            await StaffBrowser.ChooseAsync(page, "transfer-to", destination);
            await page.Locator("#transfer-quantity").FillAsync("3");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ship transfer" }).ClickAsync();

            var transfer = page.GetByTestId("transfers").Locator("tbody tr").First;
            await Expect(transfer).ToContainTextAsync("InTransit");
            await Expect(page.GetByTestId($"on-hand-{sourceCode}")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId($"incoming-{destination}")).ToHaveTextAsync("3");

            await transfer.GetByRole(AriaRole.Button, new() { Name = "Receive" }).ClickAsync();
            await Expect(transfer).ToContainTextAsync("Received");
            await Expect(page.GetByTestId($"on-hand-{destination}")).ToHaveTextAsync("3");
            await Expect(page.GetByTestId($"incoming-{destination}")).ToHaveTextAsync("0");
        }
        catch
        {
            await StaffBrowser.ScreenshotAsync(page, "transfer");
            throw;
        }
    }

    [Test]
    public async Task A_refused_adjustment_is_shown_as_the_problem_says()
    {
        var (sku, _) = await OrdersClient.StockedItemAsync(Inventory, onHand: 5);
        using (var held = await Inventory.ReserveAsync(Guid.NewGuid().ToString(), InventoryClient.Reservation((sku, 4))))
        {
            Assert.That(held.IsSuccessStatusCode, Is.True);
        }

        var page = await Browser.SignInAsync(await SystemFixture.Accounts.CreateAsync(Roles.Clerk), $"/inventory/{sku}");
        try
        {
            await page.Locator("#adjust-quantity").FillAsync("-3");
            await ChooseReasonAsync(page, "correction");
            await page.GetByRole(AriaRole.Button, new() { Name = "Adjust" }).ClickAsync();

            var problem = page.GetByTestId("problem");
            await Expect(problem).ToBeVisibleAsync();
            await Expect(problem).ToContainTextAsync(new Regex("reserved", RegexOptions.IgnoreCase));
            await Expect(problem).Not.ToContainTextAsync(new Regex("exception|stack| at Synkro", RegexOptions.IgnoreCase));
            await Expect(page.GetByTestId("levels").Locator("tbody tr td:nth-child(2)")).ToHaveTextAsync("5");
        }
        catch
        {
            await StaffBrowser.ScreenshotAsync(page, "refused");
            throw;
        }
    }

    [Test]
    public async Task An_order_changes_status_on_screen_while_another_client_ships_it()
    {
        var clerk = await OrdersClient.TokenAsync(Roles.Clerk);
        var (sku, _) = await OrdersClient.StockedItemAsync(Inventory, onHand: 2);
        var id = await OrdersClient.PlacedAsync(clerk, await OrdersClient.CreateCustomerAsync(clerk), (sku, 1));
        await OrdersClient.WaitForAsync(clerk, id, "Confirmed");

        var page = await Browser.SignInAsync(await SystemFixture.Accounts.CreateAsync(Roles.Viewer), $"/orders/{id}");
        try
        {
            await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Confirmed");
            await Expect(page.GetByLabel("live")).ToBeVisibleAsync();

            await OrdersClient.ActAsync(clerk, id, "ship");

            await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Shipped");
            await Expect(page.GetByTestId("history")).ToContainTextAsync("Shipped");
        }
        catch
        {
            await StaffBrowser.ScreenshotAsync(page, "order-live");
            throw;
        }
    }

    private static Task ChooseReasonAsync(IPage page, string reason) => StaffBrowser.ChooseAsync(page, "adjust-reason", reason);
}
