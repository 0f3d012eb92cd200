using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Synkro.Inventory.Items;
using Synkro.Inventory.Stock;

namespace Synkro.Inventory.Reservations;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> reservation)
    {
        reservation.ToTable("reservations", table =>
            table.HasCheckConstraint("ck_reservations_status", "status IN ('Active', 'Allocated', 'Committed', 'Released', 'Expired')"));
        reservation.HasKey(r => r.Id);
        reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        reservation.Property(r => r.Strategy).HasConversion<string>().HasMaxLength(16);
        reservation.HasMany(r => r.Allocations).WithOne().HasForeignKey(a => a.ReservationId).OnDelete(DeleteBehavior.Cascade);
        reservation.HasIndex(r => r.OrderId);
        // The expiry sweeper's queue: only active reservations, oldest deadline first.
        reservation.HasIndex(r => r.ExpiresAt).HasFilter("status = 'Active'");
    }
}

internal sealed class ReservationAllocationConfiguration : IEntityTypeConfiguration<ReservationAllocation>
{
    public void Configure(EntityTypeBuilder<ReservationAllocation> allocation)
    {
        allocation.ToTable("reservation_allocations", table =>
            table.HasCheckConstraint("ck_reservation_allocations_quantity", "quantity > 0"));
        allocation.HasKey(a => new { a.ReservationId, a.ItemId, a.WarehouseId });
        allocation.Property(a => a.Sku).HasMaxLength(ItemRules.SkuMaxLength);
        // To the level (locked by the writer anyway), for the reason given on stock_movements.
        allocation.HasOne<StockLevel>().WithMany().HasForeignKey(a => new { a.ItemId, a.WarehouseId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_keys");
        record.HasKey(r => r.Key);
        record.Property(r => r.Key).HasMaxLength(ReservationRules.IdempotencyKeyMaxLength);
        record.Property(r => r.Response).HasColumnType("jsonb");
        record.HasIndex(r => r.CreatedAt);
    }
}
