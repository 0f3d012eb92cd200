namespace Synkro.Tests.Integration.Inventory;

/// <summary>Every inventory scenario ends by checking the invariants against the database.</summary>
public abstract class InventoryScenario
{
    private protected InventoryClient Inventory { get; private set; } = null!;

    [SetUp]
    public void CreateClient() => Inventory = new InventoryClient();

    [TearDown]
    public async Task InvariantsHoldAsync()
    {
        Inventory.Dispose();
        await InventoryInvariants.AssertHoldAsync();
    }
}
