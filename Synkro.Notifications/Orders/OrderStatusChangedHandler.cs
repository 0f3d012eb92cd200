using Synkro.Notifications.Alerts;
using Wolverine;

namespace Synkro.Notifications.Orders;

/// <summary>
/// An order's news becomes an alert: when it is placed, backordered, shipped, delivered or cancelled.
/// The steps between (Processing, ReservingStock, Confirmed) follow each other within a second or so
/// and are the order process's, not news for its customer.
/// </summary>
public static class OrderStatusChangedHandler
{
    public static readonly string[] News = ["Created", "BackOrdered", "Shipped", "Delivered", "Cancelled"];

    public static async Task<OutgoingMessages> Handle(OrderStatusChanged changed, Envelope envelope, AlertDispatcher dispatcher, CancellationToken cancellationToken) =>
        News.Contains(changed.To)
            ? await dispatcher.DispatchAsync(Alert.ForOrder(envelope.Id, changed.OccurredAt, changed.OrderId, changed.CustomerId, changed.From, changed.To, changed.Notes), cancellationToken)
            : [];
}
