namespace Synkro.Logistics.Orders;

public enum OrderStatus
{
    Created,
    Processing,
    ReservingStock,
    Confirmed,
    BackOrdered,
    Shipped,
    Delivered,
    Cancelled,
}

/// <summary>
/// The design's order state machine (document 001), in one table. The one edge the design does not
/// draw, Confirmed to Cancelled, is the cancellation after the stock was reserved that the logistics
/// issue asks for: its stock is released and its payment refunded.
/// </summary>
public static class OrderStateMachine
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Next = new()
    {
        [OrderStatus.Created] = [OrderStatus.Processing, OrderStatus.Cancelled],
        [OrderStatus.Processing] = [OrderStatus.ReservingStock, OrderStatus.Cancelled],
        [OrderStatus.ReservingStock] = [OrderStatus.Confirmed, OrderStatus.BackOrdered],
        [OrderStatus.BackOrdered] = [OrderStatus.ReservingStock, OrderStatus.Cancelled],
        [OrderStatus.Confirmed] = [OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [],
        [OrderStatus.Cancelled] = [],
    };

    public static bool Allows(OrderStatus from, OrderStatus to) => Next[from].Contains(to);

    public static IReadOnlyList<OrderStatus> From(OrderStatus status) => Next[status];

    public static bool IsFinal(OrderStatus status) => Next[status].Length == 0;
}
