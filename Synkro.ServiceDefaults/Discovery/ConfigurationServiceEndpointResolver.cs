using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Synkro.ServiceDefaults.Discovery;

/// <summary>
/// Reads replicas the way Aspire writes them: <c>services:{service}:{scheme}:{index}</c>
/// (environment variable <c>services__inventory__http__0=http://localhost:5123</c>). A compound
/// scheme such as <c>https+http</c> takes the first scheme that has replicas.
/// </summary>
internal sealed class ConfigurationServiceEndpointResolver : IServiceEndpointResolver, IDisposable
{
    private readonly IConfiguration configuration;
    private readonly ConcurrentDictionary<(string Service, string Scheme), ServiceEndpoints> cache = new();
    private readonly IDisposable reloadRegistration;

    public ConfigurationServiceEndpointResolver(IConfiguration configuration)
    {
        this.configuration = configuration;
        // Looking sections up walks every configuration key, too slow for every request the
        // gateway forwards; the cache is dropped whenever configuration reloads.
        reloadRegistration = ChangeToken.OnChange(configuration.GetReloadToken, cache.Clear);
    }

    public bool TryResolve(Uri uri, [NotNullWhen(true)] out Uri? resolved)
    {
        resolved = null;
        if (!uri.IsAbsoluteUri)
        {
            return false;
        }

        foreach (var scheme in uri.Scheme.Split('+'))
        {
            var endpoints = cache.GetOrAdd((uri.Host, scheme), Load);
            if (!endpoints.IsEmpty)
            {
                resolved = Combine(endpoints.Next(), uri);
                return true;
            }
        }

        return false;
    }

    public void Dispose() => reloadRegistration.Dispose();

    private ServiceEndpoints Load((string Service, string Scheme) key)
    {
        var endpoints = configuration.GetSection($"services:{key.Service}:{key.Scheme}").GetChildren()
            .Select(child => child.Value)
            .Where(value => !string.IsNullOrWhiteSpace(value))
            .Select(value => ParseEndpoint(value!, key.Scheme))
            .ToList();
        return new ServiceEndpoints(endpoints);
    }

    /// <summary>Aspire writes full URLs; a bare "host:port" takes the scheme it is listed under.</summary>
    private static Uri ParseEndpoint(string value, string scheme) =>
        value.Contains("://", StringComparison.Ordinal) ? new Uri(value, UriKind.Absolute) : new Uri($"{scheme}://{value}", UriKind.Absolute);

    private static Uri Combine(Uri endpoint, Uri requested)
    {
        var builder = new UriBuilder(requested)
        {
            Scheme = endpoint.Scheme,
            Host = endpoint.Host,
            Port = endpoint.Port,
        };
        if (endpoint.AbsolutePath != "/")
        {
            builder.Path = endpoint.AbsolutePath.TrimEnd('/') + requested.AbsolutePath;
        }

        return builder.Uri;
    }
}
