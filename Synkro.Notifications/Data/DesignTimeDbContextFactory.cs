using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Synkro.Notifications.Data;

/// <summary>For <c>dotnet ef migrations add</c>, which needs the model but no database or broker.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<NotificationsDbContext>
{
    public NotificationsDbContext CreateDbContext(string[] args) =>
        new(NotificationsDbContext.Configure(new DbContextOptionsBuilder<NotificationsDbContext>().UseNpgsql("Host=localhost;Database=notificationsdb")).Options);
}
