using Microsoft.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore;
using Synkro.Inventory.Items;
using Synkro.Inventory.Reservations;
using Synkro.Inventory.Stock;
using Synkro.Inventory.Transfers;
using Synkro.Inventory.Warehouses;

namespace Synkro.Inventory.Data;

public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    public const string Schema = "inventory";

    public DbSet<Item> Items => Set<Item>();

    public DbSet<Warehouse> Warehouses => Set<Warehouse>();

    public DbSet<StockLevel> StockLevels => Set<StockLevel>();

    public DbSet<StockMovement> StockMovements => Set<StockMovement>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    public DbSet<ReservationAllocation> ReservationAllocations => Set<ReservationAllocation>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<Transfer> Transfers => Set<Transfer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InventoryDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder, Schema);
        // Wolverine's envelope tables (created by Wolverine, not by migrations), so SaveChanges writes
        // outgoing events in the transaction of the state change.
        modelBuilder.MapWolverineEnvelopeStorage(WolverineMessagingExtensions.Schema);
    }
}
