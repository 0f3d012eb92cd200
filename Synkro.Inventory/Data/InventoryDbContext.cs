using Microsoft.EntityFrameworkCore;

namespace Synkro.Inventory.Data;

public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options);
