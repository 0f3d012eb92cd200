using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Synkro.Security;
using Synkro.Tests.Hosting;
using Synkro.Tests.Integration.Security;
using static Microsoft.Playwright.Assertions;

namespace Synkro.Tests.Integration.Web;

/// <summary>An admin manages staff accounts in the browser, and the gateway holds the accounts to what was chosen there.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Web")]
[NonParallelizable]
public sealed class UserAdminUiTests : UiScenario
{
    [Test]
    public async Task An_admin_creates_a_staff_account_changes_its_role_and_deactivates_it()
    {
        var admin = await SystemFixture.Accounts.CreateAsync(Roles.Admin);
        var name = $"ui-{Guid.NewGuid():N}"[..18];
        var password = $"Pw-{Guid.NewGuid():N}";
        var page = await Browser.SignInAsync(admin, "/settings/users");
        try
        {
            await page.Locator("#new-user-name").FillAsync(name);
            await page.Locator("#new-user-email").FillAsync($"{name}@synkro.test");
            await page.Locator("#new-user-password").FillAsync(password);
            await StaffBrowser.ChooseAsync(page, "new-user-role", Roles.Manager);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"{name} can sign in now, as manager." })).ToBeVisibleAsync();
            var signedIn = await SystemFixture.Accounts.LoginAsync(name, password);
            Assert.That(signedIn.AccessToken, Is.Not.Empty, "the account signs in with the password chosen on screen");

            await page.Locator("#user-search").FillAsync(name);
            var row = page.Locator("[data-testid=users] tbody tr").Filter(new() { HasText = name });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=users] tbody tr")).ToHaveCountAsync(1, new() { Timeout = 10_000 });

            await StaffBrowser.ChooseAsync(page, $"role-{name}", Roles.Viewer);
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"{name} is viewer now." })).ToBeVisibleAsync();
            await page.GetByTestId($"active-{name}").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"{name} is deactivated." })).ToBeVisibleAsync();

            using var read = await Edge.GetAsync($"/api/users?q={name}", admin.AccessToken);
            var account = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Single();
            Assert.That((account.GetProperty("role").GetString(), account.GetProperty("isActive").GetBoolean()), Is.EqualTo((Roles.Viewer, false)));
            using var refused = await StaffAccounts.SignInAsync(SystemFixture.Accounts.Gateway(), "/auth/login", new { username = name, password });
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a deactivated account cannot sign in");
        }
        catch
        {
            await StaffBrowser.ScreenshotAsync(page, "users");
            throw;
        }
    }
}
