using Microsoft.Extensions.Options;
using Synkro.Notifications.Alerts;
using Synkro.Notifications.Data;
using Synkro.Notifications.Deliveries;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.EntityFrameworkCore;
using Wolverine.Runtime;

namespace Synkro.Notifications.Webhooks;

/// <summary>
/// One attempt of a webhook delivery. Not in one transaction: the attempt is committed before the
/// receiver is called and its outcome after, with what follows in the same commit (the next attempt
/// scheduled, or NotificationSent, or the endpoint marked Failing), so a crash loses neither the log
/// nor the retry. Accepted means a 2xx answer; anything else is retried on the schedule until the
/// retries are used up. An address webhooks may not reach is not retried.
/// </summary>
[NonTransactional]
public static partial class SendWebhookHandler
{
    public static async Task Handle(
        SendWebhook send, NotificationsDbContext db, WebhookSender sender, IOptions<WebhookSettings> settings, IWolverineRuntime runtime,
        TimeProvider clock, ILogger<SendWebhook> logger, CancellationToken cancellationToken)
    {
        // Only a delivery waiting for this attempt: a stale message (one redelivered meanwhile) does nothing.
        if (await db.Deliveries.FindAsync([send.DeliveryId], cancellationToken) is not { Status: DeliveryStatus.Queued or DeliveryStatus.Retrying or DeliveryStatus.Sending } delivery)
        {
            return;
        }

        if (delivery.Status == DeliveryStatus.Sending)
        {
            LogUnsure(logger, delivery.Id, delivery.Attempts);
        }

        var outbox = new DbContextOutbox<NotificationsDbContext>(runtime, db, []);
        var endpoint = await db.Webhooks.FindAsync([delivery.WebhookId], cancellationToken);
        if (endpoint is null)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.LastError = "The webhook endpoint was deleted.";
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var attempt = new DeliveryAttempt { Id = Guid.CreateVersion7(), DeliveryId = delivery.Id, Number = ++delivery.Attempts, StartedAt = clock.GetUtcNow() };
        db.DeliveryAttempts.Add(attempt);
        delivery.Status = DeliveryStatus.Sending;
        delivery.LastAttemptAt = attempt.StartedAt;
        delivery.NextAttemptAt = null;
        await db.SaveChangesAsync(cancellationToken);

        var outcome = await sender.SendAsync(endpoint, delivery, cancellationToken);
        var now = clock.GetUtcNow();
        attempt.FinishedAt = now;
        attempt.StatusCode = outcome.StatusCode;
        attempt.Error = DeliveryAttempt.Trim(outcome.Error);
        delivery.ResponseStatus = outcome.StatusCode;
        delivery.LastError = attempt.Error;
        var delays = settings.Value.EffectiveRetryDelays;
        if (outcome.Accepted)
        {
            delivery.Status = DeliveryStatus.Sent;
            delivery.SentAt = now;
            endpoint.Status = WebhookStatus.Active;
            endpoint.FailingSince = null;
            await outbox.PublishAsync(new NotificationSent(delivery.Id, delivery.AlertId, delivery.EventKind, delivery.Channel, delivery.Recipient, delivery.Attempts));
        }
        else if (outcome.Refused)
        {
            delivery.Status = DeliveryStatus.Bounced;
        }
        else if (delivery.Attempts <= delays.Count)
        {
            delivery.Status = DeliveryStatus.Retrying;
            delivery.NextAttemptAt = now + Jittered(delays[delivery.Attempts - 1]);
            await outbox.ScheduleAsync(new SendWebhook(delivery.Id), delivery.NextAttemptAt.Value);
        }
        else
        {
            delivery.Status = DeliveryStatus.Failed;
            LogGaveUp(logger, delivery.Id, endpoint.Url, delivery.Attempts, outcome.Error);
            if (endpoint.Status == WebhookStatus.Active)
            {
                endpoint.Status = WebhookStatus.Failing;
                endpoint.FailingSince = now;
                await outbox.PublishAsync(new WebhookEndpointFailing(endpoint.Id, endpoint.Url, delivery.Id, delivery.Attempts, delivery.LastError, now));
            }
        }

        await outbox.SaveChangesAndFlushMessagesAsync(CancellationToken.None);
    }

    private static TimeSpan Jittered(TimeSpan delay) => delay * (1 + (Random.Shared.NextDouble() / 10));

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} was being sent when its last attempt ({Attempts}) ended without an outcome; the receiver may get it twice")]
    private static partial void LogUnsure(ILogger logger, Guid deliveryId, int attempts);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to {Url} failed {Attempts} times and is given up: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid deliveryId, string url, int attempts, string? error);
}

/// <summary>An endpoint turned Failing: an alert for whoever subscribed to that (the admins, to begin with).</summary>
public static class WebhookEndpointFailingHandler
{
    public static Task<OutgoingMessages> Handle(WebhookEndpointFailing failing, Envelope envelope, AlertDispatcher dispatcher, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(
            new Alert(envelope.Id, EventKinds.WebhookFailing, failing.FailingSince, new Dictionary<string, object?>
            {
                ["webhookId"] = failing.WebhookId.ToString(),
                ["url"] = failing.Url,
                ["deliveryId"] = failing.DeliveryId.ToString(),
                ["attempts"] = failing.Attempts,
                ["lastError"] = failing.LastError ?? "",
            }),
            cancellationToken);
}
