using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Synkro.ServiceDefaults.Health;

internal static class HealthCheckRegistrationExtensions
{
    /// <summary>A dependency that does not answer within this time counts as failed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Decorates the registration named <paramref name="name"/> (added by a library that takes
    /// neither a description nor a timeout) once all registrations are known.
    /// </summary>
    public static IHealthChecksBuilder Describe(this IHealthChecksBuilder builder, string name, string description)
    {
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            var registration = options.Registrations.Single(r => r.Name == name);
            var factory = registration.Factory;
            registration.Factory = services => new DescribedHealthCheck(() => factory(services), description);
            registration.Timeout = DefaultTimeout;
        });
        return builder;
    }
}
