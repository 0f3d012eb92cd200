using Microsoft.EntityFrameworkCore;

namespace Synkro.Forecasting.Data;

public sealed class ForecastingDbContext(DbContextOptions<ForecastingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddIntegrationEventOutbox();
}
