using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Notifications.Orders;

// Notifications' copy of logistics' event, matched by name: one per transition of an order.

public sealed record OrderStatusChanged(Guid OrderId, Guid CustomerId, string? From, string To, string ChangedBy, string? Notes) : IntegrationEvent;
