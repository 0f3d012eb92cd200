using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Alerts;
using Synkro.Notifications.Data;
using Synkro.Notifications.Deliveries;
using Synkro.Notifications.Email;
using Synkro.Notifications.Templates;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Notifications.Digests;

/// <summary>What one run of the digests sent: mails, and the alerts they listed.</summary>
public sealed record DigestRun(int Digests, int Alerts);

/// <summary>
/// Sends the daily digests: the held emails of each recipient become one email listing them (the
/// <c>daily-digest</c> template), sent like any other; each held one is then Digested, pointing at it.
/// The held rows are taken with FOR UPDATE SKIP LOCKED, and the digest, their new status and its
/// queued send commit together, so two replicas running at once never list an alert twice.
/// </summary>
public sealed partial class DigestRunner(IServiceScopeFactory scopes, TemplateRenderer renderer, TimeProvider clock, ILogger<DigestRunner> logger)
{
    /// <summary>Held emails taken per transaction; a recipient with more gets more than one digest.</summary>
    private const int Batch = 1000;

    /// <summary>Every email held since before <paramref name="upTo"/>.</summary>
    public async Task<DigestRun> RunAsync(DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var total = new DigestRun(0, 0);
        while (true)
        {
            var run = await RunBatchAsync(upTo, cancellationToken);
            total = new DigestRun(total.Digests + run.Digests, total.Alerts + run.Alerts);
            if (run.Alerts < Batch)
            {
                LogRun(logger, total.Digests, total.Alerts, upTo);
                return total;
            }
        }
    }

    private async Task<DigestRun> RunBatchAsync(DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        // The execution strategy retries the whole batch, with a new outbox each time.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var attempt = scopes.CreateAsyncScope();
            var outbox = attempt.ServiceProvider.GetRequiredService<IDbContextOutbox<NotificationsDbContext>>();
            var context = outbox.DbContext;
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var held = await context.Deliveries
                .FromSql($"SELECT * FROM notifications.deliveries WHERE status = 'Held' AND created_at <= {upTo} ORDER BY recipient, id LIMIT {Batch} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
            if (held.Count == 0)
            {
                return new DigestRun(0, 0);
            }

            var template = await attempt.ServiceProvider.GetRequiredService<TemplateStore>().GetAsync(EventKinds.DailyDigest, Channels.Email, cancellationToken);
            var now = clock.GetUtcNow();
            var runId = Guid.CreateVersion7(now);
            var digests = 0;
            foreach (var mine in held.GroupBy(d => d.Recipient, StringComparer.OrdinalIgnoreCase))
            {
                var message = await renderer.RenderAsync(template, Fields(runId, now, mine.Key, [.. mine.OrderBy(d => d.OccurredAt)]));
                var digest = new Delivery
                {
                    Id = Guid.CreateVersion7(now),
                    AlertId = runId,
                    EventKind = EventKinds.DailyDigest,
                    Channel = Channels.Email,
                    Recipient = mine.Key,
                    RecipientUserId = mine.First().RecipientUserId,
                    TemplateVersion = message.TemplateVersion,
                    Subject = message.Subject,
                    Text = message.Text,
                    Html = message.Html,
                    Status = DeliveryStatus.Queued,
                    OccurredAt = now,
                    CreatedAt = now,
                };
                context.Deliveries.Add(digest);
                foreach (var delivery in mine)
                {
                    (delivery.Status, delivery.DigestId) = (DeliveryStatus.Digested, digest.Id);
                }

                await outbox.SendAsync(new SendEmail(digest.Id));
                digests++;
            }

            // Saves, writes the queued sends, and commits the transaction the rows were locked in.
            await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
            return new DigestRun(digests, held.Count);
        });
    }

    /// <summary>What the digest template sees: the recipient, how many, and each alert's kind, subject and time, oldest first.</summary>
    public static Dictionary<string, object?> Fields(Guid runId, DateTimeOffset now, string email, IReadOnlyList<Delivery> alerts)
    {
        var fields = new Alert(runId, EventKinds.DailyDigest, now, new Dictionary<string, object?>
        {
            ["count"] = alerts.Count,
            ["alerts"] = alerts.Select(d => new Dictionary<string, object?>
            {
                ["kind"] = d.EventKind,
                ["subject"] = d.Subject,
                ["occurredAt"] = d.OccurredAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
            }).ToList(),
        }).Fields();
        fields["recipient"] = new Dictionary<string, object?> { ["email"] = email };
        return fields;
    }

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Daily digests up to {UpTo}: {Digests} mails listing {Alerts} alerts")]
    private static partial void LogRun(ILogger logger, int digests, int alerts, DateTimeOffset upTo);
}
