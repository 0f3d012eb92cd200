using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Synkro.Inventory.Items;

namespace Synkro.Inventory.Stock;

internal sealed class StockLevelConfiguration : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> level)
    {
        level.ToTable("stock_levels", table =>
        {
            // The invariant lives in the database too, so no code path (or psql session) can oversell.
            table.HasCheckConstraint("ck_stock_levels_reserved_nonnegative", "reserved >= 0");
            table.HasCheckConstraint("ck_stock_levels_reserved_within_on_hand", "reserved <= on_hand");
            table.HasCheckConstraint("ck_stock_levels_incoming_nonnegative", "incoming >= 0");
        });
        level.HasKey(l => new { l.ItemId, l.WarehouseId });
        level.HasOne<Item>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Restrict);
        level.HasOne(l => l.Warehouse).WithMany().HasForeignKey(l => l.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        level.Property(l => l.Available).HasComputedColumnSql("on_hand - reserved", stored: true);
        level.HasIndex(l => l.WarehouseId);
    }
}

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> movement)
    {
        movement.ToTable("stock_movements");
        movement.HasKey(m => m.Id);
        movement.Property(m => m.Type).HasConversion<string>().HasMaxLength(32);
        movement.Property(m => m.ReasonCode).HasMaxLength(32);
        movement.Property(m => m.Note).HasMaxLength(500);
        movement.Property(m => m.Actor).HasMaxLength(200);
        // The foreign key is to the level, not to the item and warehouse: its check takes a KEY SHARE
        // lock on the level row, which the writer already holds FOR UPDATE, instead of on the warehouse
        // row that every concurrent writer would share (and turn into a MultiXact).
        movement.HasOne<StockLevel>().WithMany().HasForeignKey(m => new { m.ItemId, m.WarehouseId }).OnDelete(DeleteBehavior.Restrict);
        // A level's history in order; ids are UUIDv7, so they sort by time.
        movement.HasIndex(m => new { m.ItemId, m.WarehouseId, m.Id });
        movement.HasIndex(m => m.ReservationId).HasFilter("reservation_id IS NOT NULL");
    }
}
