using System.Net;
using System.Text.Json;
using Npgsql;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>What the database itself guarantees, whatever the code does.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class SchemaTests : InventoryScenario
{
    [Test]
    public async Task Two_replicas_starting_together_migrated_once_and_report_it_on_health()
    {
        var migrations = typeof(Synkro.Inventory.Data.InventoryDbContext).Assembly.GetTypes().Count(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
        Assert.That(await InventoryInvariants.ScalarAsync<long>("SELECT count(*) FROM inventory.__ef_migrations_history"), Is.EqualTo(migrations));
        Assert.That(await InventoryInvariants.ScalarAsync<long>("SELECT count(DISTINCT \"MigrationId\") FROM inventory.__ef_migrations_history"), Is.EqualTo(migrations));
        for (var replica = 0; replica < Inventory.ReplicaCount; replica++)
        {
            using var health = await Inventory.Replica(replica).GetAsync("/health");
            var entry = (await InventoryClient.ReadAsync<JsonElement>(health, HttpStatusCode.OK)).GetProperty("entries").GetProperty("inventory-schema");
            Assert.That(entry.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        }
    }

    [TestCase("UPDATE inventory.stock_levels SET reserved = on_hand + 1 WHERE item_id = $1", "ck_stock_levels_reserved_within_on_hand")]
    [TestCase("UPDATE inventory.stock_levels SET reserved = -1 WHERE item_id = $1", "ck_stock_levels_reserved_nonnegative")]
    public async Task The_database_refuses_a_level_that_breaks_the_invariant(string sql, string constraint)
    {
        var itemId = await StockedItemAsync();

        var error = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql, itemId));

        Assert.That(error!.ConstraintName, Is.EqualTo(constraint));
    }

    [TestCase("UPDATE inventory.stock_movements SET on_hand_delta = 1000 WHERE item_id = $1")]
    [TestCase("DELETE FROM inventory.stock_movements WHERE item_id = $1")]
    public async Task The_ledger_is_append_only(string sql)
    {
        var itemId = await StockedItemAsync();

        var error = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql, itemId));

        Assert.That(error!.MessageText, Does.Contain("append-only"));
    }

    [Test]
    public async Task The_api_is_described_by_openapi_and_browsable_in_swagger_ui()
    {
        using var anonymous = new InventoryClient(role: "");
        using var document = await anonymous.Http.GetAsync("/openapi/v1.json");
        using var ui = await anonymous.Http.GetAsync("/swagger/index.html");

        var paths = (await InventoryClient.ReadAsync<JsonElement>(document, HttpStatusCode.OK)).GetProperty("paths");
        Assert.That(paths.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[]
        {
            "/api/inventory/reservations", "/api/inventory/reservations/{id}/commit", "/api/inventory/reservations/{id}/release",
            "/api/inventory/items/{sku}/levels", "/api/inventory/warehouses", "/api/inventory/items", "/api/inventory/adjustments",
        }));
        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<Guid> StockedItemAsync()
    {
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 3);
        return await InventoryInvariants.ScalarAsync<Guid>("SELECT id FROM inventory.items WHERE sku = $1", sku);
    }

    private static async Task ExecuteAsync(string sql, Guid itemId)
    {
        await using var connection = new NpgsqlConnection(SystemFixture.App.GetConnectionString(ResourceNames.InventoryDb));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = itemId } } };
        await command.ExecuteNonQueryAsync();
    }
}
