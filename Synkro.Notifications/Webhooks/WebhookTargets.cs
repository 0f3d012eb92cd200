using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Synkro.Notifications.Webhooks;

/// <summary>
/// Where a webhook may go: the public internet only. Loopback, private, carrier-grade NAT, link-local
/// (the cloud metadata address 169.254.169.254 among them), multicast, reserved and documentation
/// ranges are refused, for IPv4, IPv6 and IPv4 inside IPv6. A URL is checked when it is registered and
/// every address is checked again as the connection is made (<see cref="ConnectAsync"/>), so a name
/// that resolves elsewhere later (DNS rebinding) is still refused.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookSettings> settings)
{
    private static readonly IPNetwork[] Refused = [.. new[]
    {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
        "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    }.Select(IPNetwork.Parse)];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly IReadOnlyList<IPNetwork> allowed = settings.Value.AllowedNetworks();

    public bool IsAllowed(IPAddress address)
    {
        // IPv4 written as IPv6 (::ffff:10.0.0.1, or NAT64's 64:ff9b::10.0.0.1) is judged as the IPv4 it carries.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            address = new IPAddress(address.GetAddressBytes()[12..]);
        }

        return allowed.Any(network => network.Contains(address)) || !Refused.Any(network => network.Contains(address));
    }

    /// <summary>Why a URL cannot be registered, or null: an absolute http(s) URL without credentials whose host resolves to allowed addresses only.</summary>
    public async Task<string?> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return "Must be an absolute http or https URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Must not carry credentials; receivers verify the signature instead.";
        }

        if (url!.Length > WebhookLimits.Url)
        {
            return $"Must be at most {WebhookLimits.Url} characters.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host '{uri.Host}' does not resolve.";
        }

        return addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused
            ? $"The host '{uri.Host}' is {refused}, a loopback, private, link-local or reserved address; webhooks go to public addresses only."
            : null;
    }

    /// <summary>
    /// The HTTP client's way to connect: resolves the name itself and connects only when every address
    /// it has is allowed, so what was checked is what is reached.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        if (addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused)
        {
            throw new WebhookTargetRefusedException($"'{context.DnsEndPoint.Host}' is {refused}, which webhooks may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>The address a webhook's URL leads to is one webhooks may not reach: trying again will not help.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
