using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Synkro.ServiceDefaults.Discovery;

namespace Microsoft.Extensions.Hosting;

public static class ServiceDiscoveryExtensions
{
    /// <summary>Registers <see cref="IServiceEndpointResolver"/> over configuration "services:*".</summary>
    public static IServiceCollection AddServiceDiscovery(this IServiceCollection services)
    {
        services.TryAddSingleton<IServiceEndpointResolver, ConfigurationServiceEndpointResolver>();
        return services;
    }

    /// <summary>
    /// Resolves service names in request addresses (<c>http://inventory</c>) per attempt. Add it
    /// after <see cref="ResilienceExtensions.AddStandardResilienceHandler"/> so it runs inside it.
    /// </summary>
    public static IHttpClientBuilder AddServiceDiscovery(this IHttpClientBuilder builder)
    {
        builder.Services.AddServiceDiscovery();
        builder.AddHttpMessageHandler(services => new ServiceDiscoveryHandler(services.GetRequiredService<IServiceEndpointResolver>()));
        return builder;
    }
}
