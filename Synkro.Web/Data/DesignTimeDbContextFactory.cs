using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Synkro.Web.Data;

/// <summary>For <c>dotnet ef migrations add</c>, which needs the model but no database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WebDbContext>
{
    public WebDbContext CreateDbContext(string[] args) =>
        new(WebDbContext.Configure(new DbContextOptionsBuilder<WebDbContext>().UseNpgsql("Host=localhost;Database=webdb")).Options);
}
