namespace Synkro.Logistics.Fulfilment;

/// <summary>The order process's settings (<c>Orders</c> section).</summary>
public sealed class OrderOptions
{
    /// <summary>How long a backordered order waits for stock before it is cancelled.</summary>
    public TimeSpan BackorderTimeout { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long Inventory holds a confirmed order's stock unless it ships (at most Inventory's 7 days).</summary>
    public TimeSpan ReservationTtl { get; set; } = TimeSpan.FromDays(7);
}
