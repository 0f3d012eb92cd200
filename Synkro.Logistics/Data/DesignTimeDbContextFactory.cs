using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Synkro.Logistics.Data;

/// <summary>For <c>dotnet ef migrations add</c>, which needs the model but no database or broker.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LogisticsDbContext>
{
    public LogisticsDbContext CreateDbContext(string[] args) =>
        new(LogisticsDbContext.Configure(new DbContextOptionsBuilder<LogisticsDbContext>().UseNpgsql("Host=localhost;Database=logisticsdb")).Options);
}
