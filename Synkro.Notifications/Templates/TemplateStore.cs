using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Data;

namespace Synkro.Notifications.Templates;

/// <summary>The template in force for a kind and channel: an admin's edit, else the built-in one.</summary>
public sealed class TemplateStore(NotificationsDbContext db)
{
    public async Task<NotificationTemplate> GetAsync(string kind, string channel, CancellationToken cancellationToken) =>
        await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.EventKind == kind && t.Channel == channel, cancellationToken)
            ?? DefaultTemplates.For(kind, channel);
}
