using System.Diagnostics.CodeAnalysis;

namespace Synkro.ServiceDefaults.Discovery;

/// <summary>
/// Turns a logical address such as <c>http://inventory/api/items</c> or
/// <c>https+http://inventory/api/items</c> into the address of one replica, taking replicas in
/// turn. Used by the HttpClient pipeline and by anything that forwards requests itself.
/// </summary>
public interface IServiceEndpointResolver
{
    /// <summary>
    /// Replaces scheme, host and port of <paramref name="uri"/> with those of the next replica
    /// of the service named by its host, keeping path and query. Returns false when the host is
    /// not a configured service.
    /// </summary>
    bool TryResolve(Uri uri, [NotNullWhen(true)] out Uri? resolved);
}
