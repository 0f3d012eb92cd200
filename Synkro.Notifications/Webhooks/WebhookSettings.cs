using System.Net;

namespace Synkro.Notifications.Webhooks;

/// <summary>
/// The "Webhooks" section. Retries back off for about a day (Standard Webhooks' schedule, give or
/// take); each delay is stretched by up to a tenth at random, so receivers that come back are not
/// hit by every waiting delivery at once.
/// </summary>
public sealed class WebhookSettings
{
    /// <summary>The wait before each retry; a delivery is tried once more than there are delays.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    public static readonly TimeSpan[] DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(8),
    ];

    /// <summary>How long one attempt may take, connecting included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The development escape hatch, empty (off) by default: networks (CIDR, such as 127.0.0.2/32)
    /// a webhook may reach although they are loopback, private or link-local.
    /// </summary>
    public List<string> AllowedPrivateNetworks { get; set; } = [];

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;

    public IReadOnlyList<IPNetwork> AllowedNetworks() => [.. AllowedPrivateNetworks.Select(IPNetwork.Parse)];
}
