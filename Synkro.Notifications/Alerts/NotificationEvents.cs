using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Notifications.Alerts;

/// <summary>An event became an alert for its subscribers; one per event, however many are told.</summary>
public sealed record AlertTriggered(Guid AlertId, string Kind, string? Sku, Guid? WarehouseId, int Deliveries) : IntegrationEvent;

public sealed record NotificationSent(Guid DeliveryId, Guid AlertId, string Kind, string Channel, string Recipient, int Attempts) : IntegrationEvent;
