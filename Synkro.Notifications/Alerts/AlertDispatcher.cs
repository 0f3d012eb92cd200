using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Data;
using Synkro.Notifications.Deliveries;
using Synkro.Notifications.Email;
using Synkro.Notifications.Inbox;
using Synkro.Notifications.Orders;
using Synkro.Notifications.Recipients;
using Synkro.Notifications.Subscriptions;
using Synkro.Notifications.Templates;
using Synkro.Notifications.Webhooks;
using Synkro.Security;
using Wolverine;

namespace Synkro.Notifications.Alerts;

/// <summary>
/// Plans an alert: the subscriptions that match it (kind, and warehouse, SKU or customer where they
/// filter), the people behind them (staff from the gateway's directory, an order's customer from
/// Logistics), one rendered delivery per channel and person, one delivery per webhook endpoint
/// registered for the kind, and a queued send for each. An in-app notification has nothing to send:
/// it is delivered when it commits, and the people it is for are told so after that (<see cref="InboxChanged"/>).
/// The caller's transaction holds it all (Wolverine saves and commits after the handler); an alert
/// already planned (a replayed event) plans nothing.
/// </summary>
public sealed partial class AlertDispatcher(NotificationsDbContext db, UserDirectory directory, CustomerDirectory customers, TemplateStore templates, TemplateRenderer renderer, TimeProvider clock, ILogger<AlertDispatcher> logger)
{
    private int planned;

    public async Task<OutgoingMessages> DispatchAsync(Alert alert, CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        if (await db.Deliveries.AnyAsync(d => d.AlertId == alert.Id, cancellationToken))
        {
            return messages;
        }

        var now = clock.GetUtcNow();
        await PlanForPeopleAsync(alert, now, messages, cancellationToken);
        await PlanWebhooksAsync(alert, now, messages, cancellationToken);
        LogPlanned(alert.Kind, alert.Id, planned);
        messages.Add(new AlertTriggered(alert.Id, alert.Kind, alert.Sku, alert.WarehouseId, planned));
        return messages;
    }

    private async Task PlanForPeopleAsync(Alert alert, DateTimeOffset now, OutgoingMessages messages, CancellationToken cancellationToken)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.EventKind == alert.Kind
                && (s.WarehouseId == null || s.WarehouseId == alert.WarehouseId)
                && (s.Sku == null || s.Sku == alert.Sku)
                && (s.CustomerId == null || s.CustomerId == alert.CustomerId))
            .ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return;
        }

        var recipients = (await directory.ResolveAsync(
            [.. subscriptions.Where(s => s.Role is not (null or Roles.Customer)).Select(s => s.Role!).Distinct()],
            [.. subscriptions.Where(s => s.UserId != null).Select(s => s.UserId!.Value).Distinct()],
            cancellationToken)).ToList();
        if (alert.CustomerId is { } customerId && subscriptions.Any(s => s.Role == Roles.Customer) && await customers.FindAsync(customerId, cancellationToken) is { } customer)
        {
            recipients.Add(customer);
        }
        var fields = alert.Fields();
        foreach (var channel in subscriptions.Select(s => s.Channel).Distinct())
        {
            var template = await templates.GetAsync(alert.Kind, channel, cancellationToken);
            var addressed = recipients.Where(r => subscriptions.Any(s => s.Channel == channel && (s.Role == r.Role || s.UserId == r.Id)));
            // An inbox is a staff user's: a customer (Logistics' record, not a user of the gateway's) is written to.
            addressed = channel == Channels.InApp
                ? addressed.Where(r => r.Role != Roles.Customer).DistinctBy(r => r.Id)
                : addressed.DistinctBy(r => r.Email.ToUpperInvariant());
            var inboxes = new List<Guid>();
            foreach (var recipient in addressed)
            {
                fields["recipient"] = new Dictionary<string, object?> { ["name"] = recipient.UserName, ["email"] = recipient.Email };
                var message = await renderer.RenderAsync(template, fields);
                var address = channel == Channels.InApp ? recipient.UserName : recipient.Email;
                var delivery = NewDelivery(alert, now, channel, address, message.Subject, message.Text, message.Html, message.TemplateVersion);
                delivery.RecipientUserId = recipient.Role == Roles.Customer ? null : recipient.Id;
                if (channel == Channels.InApp)
                {
                    (delivery.Status, delivery.Attempts, delivery.LastAttemptAt, delivery.SentAt) = (DeliveryStatus.Sent, 1, now, now);
                    messages.Add(new NotificationSent(delivery.Id, alert.Id, alert.Kind, channel, address, 1));
                    inboxes.Add(recipient.Id);
                }
                else if (subscriptions.Where(s => s.Channel == channel && (s.Role == recipient.Role || s.UserId == recipient.Id)).All(s => s.Frequency == Frequencies.Daily))
                {
                    // Only digests asked for: the next one takes it (Digests).
                    delivery.Status = DeliveryStatus.Held;
                }
                else
                {
                    messages.Add(new SendEmail(delivery.Id));
                }
            }

            if (inboxes.Count > 0)
            {
                messages.Add(new InboxChanged([.. inboxes]));
            }
        }
    }

    private async Task PlanWebhooksAsync(Alert alert, DateTimeOffset now, OutgoingMessages messages, CancellationToken cancellationToken)
    {
        var endpoints = await db.Webhooks.AsNoTracking().Where(e => e.EventKinds.Contains(alert.Kind)).ToListAsync(cancellationToken);
        foreach (var endpoint in endpoints)
        {
            var delivery = NewDelivery(alert, now, Channels.Webhook, endpoint.Url, alert.Kind, WebhookPayload.Json(alert), "", templateVersion: 0);
            delivery.WebhookId = endpoint.Id;
            messages.Add(new SendWebhook(delivery.Id));
        }
    }

    private Delivery NewDelivery(Alert alert, DateTimeOffset now, string channel, string recipient, string subject, string text, string html, int templateVersion)
    {
        var delivery = new Delivery
        {
            Id = Guid.CreateVersion7(now),
            AlertId = alert.Id,
            EventKind = alert.Kind,
            Channel = channel,
            Recipient = recipient,
            TemplateVersion = templateVersion,
            Subject = subject,
            Text = text,
            Html = html,
            Status = DeliveryStatus.Queued,
            OccurredAt = alert.OccurredAt,
            CreatedAt = now,
        };
        db.Deliveries.Add(delivery);
        planned++;
        return delivery;
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Alert {Kind} {AlertId}: {Deliveries} deliveries planned")]
    private partial void LogPlanned(string kind, Guid alertId, int deliveries);
}
