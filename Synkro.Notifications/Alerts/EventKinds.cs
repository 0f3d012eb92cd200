namespace Synkro.Notifications.Alerts;

/// <summary>What a person can subscribe to: the kinds of alert, by the names the API and templates use.</summary>
public static class EventKinds
{
    public const string LowStock = "low-stock";
    public const string Overstock = "overstock";

    /// <summary>An order was placed, backordered, shipped, delivered or cancelled: its customer hears of it.</summary>
    public const string OrderStatus = "order-status";

    /// <summary>An order's hold on stock ran out before it was allocated or committed.</summary>
    public const string ReservationExpired = "reservation-expired";

    /// <summary>A webhook endpoint gave up on a delivery: for the admins who registered it.</summary>
    public const string WebhookFailing = "webhook-failing";

    public static readonly string[] All = [LowStock, Overstock, OrderStatus, ReservationExpired, WebhookFailing];

    /// <summary>Not subscribed to: the daily email listing what a person's daily subscriptions held back; it has a template of its own.</summary>
    public const string DailyDigest = "daily-digest";

    /// <summary>What a webhook endpoint can receive: what happens in Synkro, not news of webhooks themselves.</summary>
    public static readonly string[] ForWebhooks = [LowStock, Overstock, OrderStatus, ReservationExpired];
}

/// <summary>How a notification reaches someone.</summary>
public static class Channels
{
    public const string Email = "email";

    /// <summary>The person's inbox in Synkro: staff see it arrive live, with an unread count.</summary>
    public const string InApp = "in-app";

    /// <summary>Not subscribed to: an admin registers an endpoint (Webhooks) for the kinds it receives.</summary>
    public const string Webhook = "webhook";

    /// <summary>What a person subscribes on, each with a template per kind.</summary>
    public static readonly string[] All = [Email, InApp];
}
