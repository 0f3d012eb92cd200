using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Synkro.Inventory.Data;

/// <summary>
/// For <c>dotnet ef migrations add</c>, which needs the model but no database: the service's own
/// registration insists on the AppHost's connection string.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<InventoryDbContext>
{
    public InventoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InventoryDbContext>()
            .UseNpgsql("Host=localhost;Database=inventorydb", npgsql => npgsql.MigrationsHistoryTable(InventoryDatabase.MigrationsHistoryTable, InventoryDbContext.Schema))
            .Options);
}
