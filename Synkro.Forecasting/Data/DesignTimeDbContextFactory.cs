using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Synkro.Forecasting.Data;

/// <summary>For <c>dotnet ef migrations add</c>, which needs the model but no database or broker.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ForecastingDbContext>
{
    public ForecastingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ForecastingDbContext>().UseNpgsql("Host=localhost;Database=forecastingdb").Options);
}
