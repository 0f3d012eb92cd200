namespace Synkro.Notifications.Alerts;

/// <summary>What a person can subscribe to: the kinds of alert, by the names the API and templates use.</summary>
public static class EventKinds
{
    public const string LowStock = "low-stock";
    public const string Overstock = "overstock";

    public static readonly string[] All = [LowStock, Overstock];
}

/// <summary>How a notification reaches someone.</summary>
public static class Channels
{
    public const string Email = "email";

    public static readonly string[] All = [Email];
}
