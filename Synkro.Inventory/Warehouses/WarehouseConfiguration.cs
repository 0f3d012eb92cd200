using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Synkro.Inventory.Warehouses;

internal sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>
{
    public void Configure(EntityTypeBuilder<Warehouse> warehouse)
    {
        warehouse.ToTable("warehouses");
        warehouse.HasKey(w => w.Id);
        warehouse.Property(w => w.Code).HasMaxLength(32);
        warehouse.HasIndex(w => w.Code).IsUnique();
        warehouse.Property(w => w.Name).HasMaxLength(200);
        warehouse.Property(w => w.AddressLine1).HasMaxLength(200);
        warehouse.Property(w => w.AddressLine2).HasMaxLength(200);
        warehouse.Property(w => w.City).HasMaxLength(100);
        warehouse.Property(w => w.State).HasMaxLength(100);
        warehouse.Property(w => w.PostalCode).HasMaxLength(20);
        warehouse.Property(w => w.Country).HasMaxLength(2).IsFixedLength();
        warehouse.Property(w => w.ContactName).HasMaxLength(200);
        warehouse.Property(w => w.ContactPhone).HasMaxLength(50);
        warehouse.Property(w => w.ContactEmail).HasMaxLength(254);
    }
}
