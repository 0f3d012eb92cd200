using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Logistics.Orders;

// What logistics tells the rest of Synkro, through Wolverine's outbox (notifications, forecasting).

public sealed record OrderCreated(Guid OrderId, Guid CustomerId, decimal TotalAmount, string Currency, IReadOnlyList<OrderedLine> Lines) : IntegrationEvent;

public sealed record OrderedLine(string Sku, int Quantity, decimal UnitPrice);

public sealed record OrderStatusChanged(Guid OrderId, Guid CustomerId, string? From, string To, string ChangedBy, string? Notes) : IntegrationEvent;

public sealed record PaymentProcessed(Guid OrderId, bool Approved, decimal Amount, string Currency, string TransactionId, string? DeclineReason) : IntegrationEvent;

public sealed record ShipmentCreated(Guid OrderId, string Carrier, string TrackingNumber, DateTimeOffset ExpectedDelivery) : IntegrationEvent;

public sealed record OrderDelivered(Guid OrderId, Guid CustomerId, DateTimeOffset DeliveredAt) : IntegrationEvent;

public sealed record OrderCancelled(Guid OrderId, Guid CustomerId, string Reason, bool Refunded) : IntegrationEvent;
