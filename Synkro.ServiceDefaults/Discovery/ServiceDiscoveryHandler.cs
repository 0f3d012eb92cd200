namespace Synkro.ServiceDefaults.Discovery;

/// <summary>
/// Points each attempt at a replica. It sits inside the resilience handler, so a retry comes
/// back through here and may go to another replica; the logical address is put back afterwards
/// for exactly that reason.
/// </summary>
internal sealed class ServiceDiscoveryHandler(IServiceEndpointResolver resolver) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requested = request.RequestUri;
        if (requested is null || !resolver.TryResolve(requested, out var resolved))
        {
            if (requested is { IsAbsoluteUri: true } && requested.Scheme.Contains('+'))
            {
                // Only discovery understands "https+http"; the socket handler's "scheme not
                // supported" would hide that the service is simply missing from configuration.
                throw new InvalidOperationException(
                    $"No endpoint is configured for service '{requested.Host}' (expected configuration 'services:{requested.Host}:http:0' or 'services:{requested.Host}:https:0').");
            }

            return await base.SendAsync(request, cancellationToken);
        }

        request.RequestUri = resolved;
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            request.RequestUri = requested;
        }
    }
}
