using Microsoft.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Forecasting.Data;

public sealed class ForecastingDbContext(DbContextOptions<ForecastingDbContext> options) : DbContext(options)
{
    // Wolverine's envelope tables, so the events this service will publish commit with its state.
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.MapWolverineEnvelopeStorage(WolverineMessagingExtensions.Schema);
}
