using Microsoft.EntityFrameworkCore;

namespace Synkro.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddIntegrationEventOutbox();
}
