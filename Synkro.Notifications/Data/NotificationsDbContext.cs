using Microsoft.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    // Wolverine's envelope tables, so the events this service will publish commit with its state.
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.MapWolverineEnvelopeStorage(WolverineMessagingExtensions.Schema);
}
