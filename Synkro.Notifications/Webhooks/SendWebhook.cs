namespace Synkro.Notifications.Webhooks;

/// <summary>Try a planned webhook delivery (a durable local message; a retry is the same message, scheduled).</summary>
public sealed record SendWebhook(Guid DeliveryId);

/// <summary>A delivery used up its retries and its endpoint turned Failing: the admins hear of it once.</summary>
public sealed record WebhookEndpointFailing(Guid WebhookId, string Url, Guid DeliveryId, int Attempts, string? LastError, DateTimeOffset FailingSince);
