using Microsoft.AspNetCore.Http;

namespace Synkro.ServiceDefaults.Health;

internal static class HealthEndpoints
{
    /// <summary>Every check: database, broker, cache, downstream services.</summary>
    public const string Health = "/health";

    /// <summary>Only checks tagged <see cref="LiveTag"/>: is the process up and serving.</summary>
    public const string Alive = "/alive";

    public const string LiveTag = "live";

    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments(Health, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(Alive, StringComparison.OrdinalIgnoreCase);
}
