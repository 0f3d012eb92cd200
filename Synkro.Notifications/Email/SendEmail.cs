namespace Synkro.Notifications.Email;

/// <summary>A durable local message: send delivery <paramref name="DeliveryId"/> by email.</summary>
public sealed record SendEmail(Guid DeliveryId);
