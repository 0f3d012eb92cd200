using MailKit.Net.Smtp;
using Synkro.Notifications.Alerts;
using Synkro.Notifications.Data;
using Synkro.Notifications.Deliveries;
using Synkro.ServiceDefaults.Messaging;
using Wolverine.Attributes;

namespace Synkro.Notifications.Email;

/// <summary>
/// Sends a planned email. Not in one transaction: the attempt is committed before the mail server is
/// called and the outcome after it, so the delivery log tells the truth whatever happens between.
/// A failure is recorded and rethrown for Wolverine's retries; a recipient the server refuses is
/// Bounced and not retried. A delivery already sent is not sent again.
/// </summary>
[NonTransactional]
public static partial class SendEmailHandler
{
    public static async Task Handle(SendEmail send, NotificationsDbContext db, EmailSender sender, IEventOutbox events, TimeProvider clock, ILogger<SendEmail> logger, CancellationToken cancellationToken)
    {
        if (await db.Deliveries.FindAsync([send.DeliveryId], cancellationToken) is not { Status: not (DeliveryStatus.Sent or DeliveryStatus.Bounced) } delivery)
        {
            return;
        }

        if (delivery.Status == DeliveryStatus.Sending)
        {
            LogUnsure(logger, delivery.Id, delivery.Attempts);
        }

        var attempt = new DeliveryAttempt { Id = Guid.CreateVersion7(), DeliveryId = delivery.Id, Number = ++delivery.Attempts, StartedAt = clock.GetUtcNow() };
        db.DeliveryAttempts.Add(attempt);
        delivery.Status = DeliveryStatus.Sending;
        delivery.LastAttemptAt = attempt.StartedAt;
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            await sender.SendAsync(delivery, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            var bounced = failure is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted };
            delivery.Status = bounced ? DeliveryStatus.Bounced : DeliveryStatus.Failed;
            delivery.LastError = attempt.Error = DeliveryAttempt.Trim(failure.Message);
            attempt.FinishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
            if (bounced)
            {
                return;
            }

            throw;
        }

        delivery.Status = DeliveryStatus.Sent;
        delivery.SentAt = attempt.FinishedAt = clock.GetUtcNow();
        delivery.LastError = null;
        events.Add(new NotificationSent(delivery.Id, delivery.AlertId, delivery.EventKind, delivery.Channel, delivery.Recipient, delivery.Attempts));
        await events.StageAsync(CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        await events.FlushAsync();
    }

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} was being sent when its last attempt ({Attempts}) ended without an outcome; it may reach its recipient twice")]
    private static partial void LogUnsure(ILogger logger, Guid deliveryId, int attempts);
}
