using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Synkro.Inventory.Items;
using Synkro.Inventory.Warehouses;

namespace Synkro.Inventory.Transfers;

internal sealed class TransferConfiguration : IEntityTypeConfiguration<Transfer>
{
    public void Configure(EntityTypeBuilder<Transfer> transfer)
    {
        transfer.ToTable("transfers", table =>
        {
            table.HasCheckConstraint("ck_transfers_quantity", "quantity > 0 AND (received_quantity IS NULL OR received_quantity >= 0)");
            table.HasCheckConstraint("ck_transfers_warehouses", "from_warehouse_id <> to_warehouse_id");
        });
        transfer.HasKey(t => t.Id);
        transfer.Property(t => t.Sku).HasMaxLength(ItemRules.SkuMaxLength);
        transfer.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        transfer.Property(t => t.Note).HasMaxLength(500);
        transfer.Property(t => t.ShippedBy).HasMaxLength(200);
        transfer.Property(t => t.ClosedBy).HasMaxLength(200);
        transfer.Ignore(t => t.Variance);
        transfer.HasOne<Item>().WithMany().HasForeignKey(t => t.ItemId).OnDelete(DeleteBehavior.Restrict);
        transfer.HasOne<Warehouse>().WithMany().HasForeignKey(t => t.FromWarehouseId).OnDelete(DeleteBehavior.Restrict);
        transfer.HasOne<Warehouse>().WithMany().HasForeignKey(t => t.ToWarehouseId).OnDelete(DeleteBehavior.Restrict);
        transfer.HasIndex(t => t.Status).HasFilter("status = 'InTransit'");
        transfer.HasIndex(t => new { t.Sku, t.ShippedAt }); // an item's transfers, newest first
    }
}
