using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Synkro.Logistics.Payments;
using Synkro.Logistics.Shipping;

namespace Synkro.Logistics.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.Currency).HasMaxLength(3);
        order.Property(o => o.TotalAmount).HasPrecision(18, 2);
        order.Property(o => o.Notes).HasMaxLength(1000);
        order.Property(o => o.TrackingNumber).HasMaxLength(64);
        order.Property(o => o.IdempotencyKey).HasMaxLength(OrderPlacement.IdempotencyKeyMaxLength);
        order.Property(o => o.CreatedBy).HasMaxLength(200);
        order.Property(o => o.Version).IsRowVersion();
        // Keys are the caller's: one caller's key cannot collide with another's.
        order.HasIndex(o => new { o.CreatedBy, o.IdempotencyKey }).IsUnique();
        order.HasIndex(o => new { o.CustomerId, o.CreatedAt });
        order.HasIndex(o => new { o.Status, o.CreatedAt });
        order.HasOne<Customers.Customer>().WithMany().HasForeignKey(o => o.CustomerId);
        order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        order.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId);
        order.HasOne(o => o.Payment).WithOne().HasForeignKey<Payment>(p => p.OrderId);
        order.HasOne(o => o.Shipment).WithOne().HasForeignKey<Shipment>(s => s.OrderId);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> line)
    {
        line.ToTable("order_lines");
        line.Ignore(l => l.Total);
        line.Property(l => l.Sku).HasMaxLength(64);
        line.Property(l => l.Name).HasMaxLength(200);
        line.Property(l => l.UnitPrice).HasPrecision(18, 2);
        // Backordered orders are found by the SKU that came back in stock.
        line.HasIndex(l => l.Sku);
    }
}

internal sealed class OrderStatusChangeConfiguration : IEntityTypeConfiguration<OrderStatusChange>
{
    public void Configure(EntityTypeBuilder<OrderStatusChange> change)
    {
        change.ToTable("order_status_history");
        change.Property(c => c.From).HasConversion<string>().HasMaxLength(20);
        change.Property(c => c.To).HasConversion<string>().HasMaxLength(20);
        change.Property(c => c.Notes).HasMaxLength(1000);
        change.Property(c => c.ChangedBy).HasMaxLength(200);
        change.HasIndex(c => c.OrderId);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.ToTable("payments");
        payment.HasKey(p => p.OrderId);
        payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        payment.Property(p => p.Amount).HasPrecision(18, 2);
        payment.Property(p => p.Currency).HasMaxLength(3);
        payment.Property(p => p.CardLast4).HasMaxLength(4);
    }
}

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> shipment)
    {
        shipment.ToTable("shipments");
        shipment.HasKey(s => s.OrderId);
        shipment.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        shipment.Property(s => s.Method).HasMaxLength(20);
        shipment.Property(s => s.Cost).HasPrecision(18, 2);
        shipment.ComplexProperty(s => s.Address);
    }
}
