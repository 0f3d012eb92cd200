using Microsoft.EntityFrameworkCore;

namespace Synkro.Logistics.Data;

public sealed class LogisticsDbContext(DbContextOptions<LogisticsDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddIntegrationEventOutbox();
}
