using System.Text.Json;
using Synkro.Notifications.Alerts;

namespace Synkro.Notifications.Webhooks;

/// <summary>
/// A webhook's body, in Standard Webhooks' shape: <c>{"type", "timestamp", "data"}</c>, where type is
/// the event kind, timestamp when it happened, and data the alert's values (a stock alert's sku,
/// warehouseId, quantity and threshold), plus <c>alertId</c>, the same for every endpoint told of it.
/// </summary>
public static class WebhookPayload
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Json(Alert alert) => JsonSerializer.Serialize(
        new { type = alert.Kind, timestamp = alert.OccurredAt, data = new Dictionary<string, object?>(alert.Data) { ["alertId"] = alert.Id } },
        Options);
}
