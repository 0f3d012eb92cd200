using System.ComponentModel.DataAnnotations;

namespace Synkro.Notifications.Subscriptions;

/// <summary>
/// A subscription for the caller, or (admins only) for everyone with <paramref name="Role"/>; the role
/// <c>customer</c> means each order's own customer, and is for order news only.
/// </summary>
public sealed record CreateSubscriptionRequest(
    [property: Required, StringLength(40)] string? EventKind,
    [property: Required, StringLength(20)] string? Channel,
    [property: StringLength(20)] string? Role = null,
    Guid? WarehouseId = null,
    [property: StringLength(64, MinimumLength = 1)] string? Sku = null,
    Guid? CustomerId = null,
    [property: StringLength(20)] string? Frequency = null);

public sealed record SubscriptionResponse(Guid Id, string EventKind, string Channel, Guid? UserId, string? Role, Guid? WarehouseId, string? Sku, Guid? CustomerId, string Frequency, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static SubscriptionResponse From(Subscription s) => new(s.Id, s.EventKind, s.Channel, s.UserId, s.Role, s.WarehouseId, s.Sku, s.CustomerId, s.Frequency, s.CreatedBy, s.CreatedAt);
}
