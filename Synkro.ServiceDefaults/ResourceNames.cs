namespace Synkro;

/// <summary>
/// Every resource name of the application model in one place: the AppHost declares resources by
/// these names, services read connection strings and discover each other by them, and the tests
/// ask the test host for them. A rename is one edit.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string IdentityDb = "identitydb";
    public const string InventoryDb = "inventorydb";
    public const string LogisticsDb = "logisticsdb";
    public const string NotificationsDb = "notificationsdb";
    public const string ForecastingDb = "forecastingdb";
    public const string WebDb = "webdb";
    public const string Messaging = "messaging";
    public const string Cache = "cache";
    public const string Mail = "mail";
    public const string Gateway = "gateway";
    public const string Inventory = "inventory";
    public const string Logistics = "logistics";
    public const string Notifications = "notifications";
    public const string Forecasting = "forecasting";
    public const string Web = "web";
}
