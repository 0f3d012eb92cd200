using Microsoft.Playwright;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration.Web;

/// <summary>Debian's chromium driven by Playwright against a running staff UI; each sign-in gets a browser context of its own.</summary>
internal sealed class StaffBrowser : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private StaffBrowser(IPlaywright playwright, IBrowser browser, Uri web) => (this.playwright, this.browser, Web) = (playwright, browser, web);

    public Uri Web { get; }

    /// <param name="web">The UI's address; by default the shared test system's.</param>
    public static async Task<StaffBrowser> StartAsync(Uri? web = null)
    {
        await Chromium.EnsureInstalledAsync();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Args = Chromium.Args });
        return new StaffBrowser(playwright, browser, web ?? SystemFixture.App.CreateHttpClient(ResourceNames.Web).BaseAddress!);
    }

    /// <summary>Opens the UI, follows the redirect to the gateway's sign-in page, signs in there and lands back in the UI.</summary>
    public async Task<IPage> SignInAsync(StaffAccounts.Account account, string path = "/", int width = 1366, int height = 900)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = Web.ToString() });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                await page.GotoAsync(path);
                await page.GetByLabel("Username").FillAsync(account.UserName);
                await page.GetByLabel("Password").FillAsync(account.Password);
                var answer = await page.RunAndWaitForResponseAsync(
                    () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
                    response => response.Request.Method == "POST" && response.Url.Contains("/connect/authorize", StringComparison.Ordinal));
                if (answer.Status != 429 || attempt == 10)
                {
                    break;
                }

                // Other tests from this address used up the sign-in window: wait it out, as a person would.
                var retryAfter = int.TryParse(await answer.HeaderValueAsync("retry-after"), out var seconds) ? seconds : 1;
                await Task.Delay(TimeSpan.FromSeconds(retryAfter));
            }

            await page.WaitForURLAsync(url => url.StartsWith(Web.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !url.Contains("/signin", StringComparison.Ordinal));
            await InteractiveAsync(page);
            return page;
        }
        catch (TimeoutException)
        {
            await ScreenshotAsync(page, $"sign-in-{account.Role}");
            throw new AssertionException($"Signing in as {account.Role} did not land in the UI; the browser is at {page.Url}:\n{await page.InnerTextAsync("body")}");
        }
    }

    /// <summary>Waits until the prerendered page has its circuit, so what the test types is not overwritten by the first interactive render.</summary>
    public static Task InteractiveAsync(IPage page) => page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>MudBlazor's select: open it by its visible field, then pick the option from its popover.</summary>
    public static async Task ChooseAsync(IPage page, string inputId, string option)
    {
        await page.Locator("div.mud-select").Filter(new() { Has = page.Locator($"#{inputId}") }).Last.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>Saves a screenshot beside the test's results when it fails, so the failure can be seen.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
