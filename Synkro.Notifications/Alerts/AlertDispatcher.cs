using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Data;
using Synkro.Notifications.Deliveries;
using Synkro.Notifications.Email;
using Synkro.Notifications.Recipients;
using Synkro.Notifications.Templates;
using Wolverine;

namespace Synkro.Notifications.Alerts;

/// <summary>
/// Plans an alert: the subscriptions that match it (kind, and warehouse or SKU where they filter),
/// the people behind them, one rendered delivery per channel and address, and a queued send for each.
/// The caller's transaction holds it all; an alert already planned (a replayed event) plans nothing.
/// </summary>
public sealed partial class AlertDispatcher(NotificationsDbContext db, UserDirectory directory, TemplateStore templates, TemplateRenderer renderer, TimeProvider clock, ILogger<AlertDispatcher> logger)
{
    public async Task<OutgoingMessages> DispatchAsync(Alert alert, CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        if (await db.Deliveries.AnyAsync(d => d.AlertId == alert.Id, cancellationToken))
        {
            return messages;
        }

        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.EventKind == alert.Kind && (s.WarehouseId == null || s.WarehouseId == alert.WarehouseId) && (s.Sku == null || s.Sku == alert.Sku))
            .ToListAsync(cancellationToken);
        var recipients = await directory.ResolveAsync(
            [.. subscriptions.Where(s => s.Role != null).Select(s => s.Role!).Distinct()],
            [.. subscriptions.Where(s => s.UserId != null).Select(s => s.UserId!.Value).Distinct()],
            cancellationToken);

        var now = clock.GetUtcNow();
        var fields = alert.Fields();
        foreach (var channel in subscriptions.Select(s => s.Channel).Distinct())
        {
            var template = await templates.GetAsync(alert.Kind, channel, cancellationToken);
            var addressed = recipients.Where(r => subscriptions.Any(s => s.Channel == channel && (s.Role == r.Role || s.UserId == r.Id)));
            foreach (var recipient in addressed.DistinctBy(r => r.Email.ToUpperInvariant()))
            {
                fields["recipient"] = new Dictionary<string, object?> { ["name"] = recipient.UserName, ["email"] = recipient.Email };
                var message = await renderer.RenderAsync(template, fields);
                var delivery = new Delivery
                {
                    Id = Guid.CreateVersion7(now),
                    AlertId = alert.Id,
                    EventKind = alert.Kind,
                    Channel = channel,
                    RecipientUserId = recipient.Id,
                    Recipient = recipient.Email,
                    TemplateVersion = message.TemplateVersion,
                    Subject = message.Subject,
                    Text = message.Text,
                    Html = message.Html,
                    Status = DeliveryStatus.Queued,
                    CreatedAt = now,
                };
                db.Deliveries.Add(delivery);
                messages.Add(new SendEmail(delivery.Id));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        LogPlanned(alert.Kind, alert.Sku, messages.Count);
        messages.Add(new AlertTriggered(alert.Id, alert.Kind, alert.Sku, alert.WarehouseId, alert.Quantity, alert.Threshold, messages.Count));
        return messages;
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Alert {Kind} for {Sku}: {Deliveries} deliveries planned")]
    private partial void LogPlanned(string kind, string sku, int deliveries);
}
