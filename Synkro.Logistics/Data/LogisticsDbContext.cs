using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Customers;
using Synkro.Logistics.Orders;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Logistics.Data;

public sealed class LogisticsDbContext(DbContextOptions<LogisticsDbContext> options) : DbContext(options)
{
    public const string Schema = "logistics";

    /// <summary>The same options at run time and for <c>dotnet ef</c>: snake_case names, history table in the schema.</summary>
    public static DbContextOptionsBuilder<LogisticsDbContext> Configure(DbContextOptionsBuilder<LogisticsDbContext> options) => options
        .UseNpgsql(npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", Schema))
        .UseSnakeCaseNamingConvention();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderStatusChange> OrderHistory => Set<OrderStatusChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LogisticsDbContext).Assembly);
        // Wolverine's envelope tables (created by Wolverine, not by migrations): the inbox row of a
        // handled message commits with the handler's changes.
        modelBuilder.MapWolverineEnvelopeStorage(WolverineMessagingExtensions.Schema);
    }
}
