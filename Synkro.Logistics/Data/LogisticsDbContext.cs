using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Reservations;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Logistics.Data;

public sealed class LogisticsDbContext(DbContextOptions<LogisticsDbContext> options) : DbContext(options)
{
    public const string Schema = "logistics";

    public DbSet<ReservedOrder> ReservedOrders => Set<ReservedOrder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<ReservedOrder>(order =>
        {
            order.ToTable("reserved_orders");
            order.HasKey(o => o.OrderId);
            order.Property(o => o.OrderId).HasColumnName("order_id");
            order.Property(o => o.ReservationId).HasColumnName("reservation_id");
            order.Property(o => o.Units).HasColumnName("units");
            order.Property(o => o.Warehouses).HasColumnName("warehouses");
            order.Property(o => o.ExpiresAt).HasColumnName("expires_at");
            order.Property(o => o.ReservedAt).HasColumnName("reserved_at");
        });
        // Wolverine's envelope tables (created by Wolverine, not by migrations): the inbox row of a
        // handled message commits with the handler's changes.
        modelBuilder.MapWolverineEnvelopeStorage(WolverineMessagingExtensions.Schema);
    }
}
