namespace Synkro.Logistics.Orders;

/// <summary>A customer's order, its lines, and every status it went through.</summary>
public sealed class Order
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public OrderStatus Status { get; private set; }

    public string Currency { get; set; } = "";

    public decimal TotalAmount { get; set; }

    public string? Notes { get; set; }

    public string? TrackingNumber { get; set; }

    /// <summary>Inventory's reservation for this order, once the stock is held.</summary>
    public Guid? ReservationId { get; set; }

    /// <summary>How many times stock was asked for; part of the reservation's idempotency key.</summary>
    public int ReservationAttempts { get; set; }

    /// <summary>The caller's Idempotency-Key and a hash of its request: a replay answers this order.</summary>
    public string? IdempotencyKey { get; set; }

    public byte[]? RequestHash { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>PostgreSQL's xmin: two steps changing one order at once cannot both win.</summary>
    public uint Version { get; set; }

    /// <summary>Set while backordered: when the order is cancelled if no stock came.</summary>
    public DateTimeOffset? BackorderDeadline { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public List<OrderStatusChange> History { get; set; } = [];

    public Payments.Payment? Payment { get; set; }

    public Shipping.Shipment? Shipment { get; set; }

    public static Order Create(Guid customerId, string currency, IEnumerable<OrderLine> lines, string? notes, string actor, DateTimeOffset now)
    {
        var order = new Order { Id = Guid.CreateVersion7(now), CustomerId = customerId, Currency = currency, Notes = notes, CreatedBy = actor, CreatedAt = now, UpdatedAt = now, Lines = [.. lines] };
        order.TotalAmount = order.Lines.Sum(l => l.Total);
        order.History.Add(new OrderStatusChange { OrderId = order.Id, From = null, To = OrderStatus.Created, ChangedBy = actor, At = now });
        return order;
    }

    /// <summary>Moves to <paramref name="to"/> with its history row, or throws when the state machine forbids it.</summary>
    public OrderStatusChange MoveTo(OrderStatus to, string actor, DateTimeOffset now, string? notes = null)
    {
        if (!OrderStateMachine.Allows(Status, to))
        {
            throw new IllegalTransition(Id, Status, to);
        }

        var change = new OrderStatusChange { OrderId = Id, From = Status, To = to, ChangedBy = actor, Notes = notes, At = now };
        History.Add(change);
        Status = to;
        UpdatedAt = now;
        return change;
    }
}

public sealed class OrderLine
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrderId { get; set; }

    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    public decimal Total => UnitPrice * Quantity;
}

/// <summary>One transition in an order's history: from what, to what, by whom, when and why.</summary>
public sealed class OrderStatusChange
{
    public long Id { get; set; }

    public Guid OrderId { get; set; }

    public OrderStatus? From { get; set; }

    public OrderStatus To { get; set; }

    public string? Notes { get; set; }

    public string ChangedBy { get; set; } = "";

    public DateTimeOffset At { get; set; }
}

/// <summary>A transition the state machine does not allow; answered as 409 with the allowed ones.</summary>
public sealed class IllegalTransition(Guid orderId, OrderStatus from, OrderStatus to)
    : InvalidOperationException($"Order {orderId} is {from}; it cannot become {to}.")
{
    public OrderStatus From { get; } = from;

    public OrderStatus To { get; } = to;
}
