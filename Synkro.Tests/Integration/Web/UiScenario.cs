using Synkro.Tests.Integration.Inventory;

namespace Synkro.Tests.Integration.Web;

/// <summary>One browser for a fixture's tests; each sign-in gets a browser context of its own.</summary>
public abstract class UiScenario : InventoryScenario
{
    private protected StaffBrowser Browser { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartBrowserAsync() => Browser = await StaffBrowser.StartAsync();

    [OneTimeTearDown]
    public async Task StopBrowserAsync() => await Browser.DisposeAsync();
}
