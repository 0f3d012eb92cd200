using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Synkro.ServiceDefaults.Resilience;

namespace Microsoft.Extensions.Hosting;

public static class ResilienceExtensions
{
    /// <summary>
    /// Total timeout 30 s, up to 3 retries (exponential backoff from 2 s with jitter) of transient
    /// failures of requests safe to repeat, a circuit breaker, and a 10 s timeout per attempt.
    /// </summary>
    public static IHttpClientBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder, Action<StandardResilienceOptions>? configure = null)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<StandardResiliencePipelines>();

        // Called from ConfigureHttpClientDefaults the builder has no name, so the pipeline is keyed
        // by the name of the client being built, known only here.
        var registration = new object();
        builder.Services.Configure<HttpClientFactoryOptions>(builder.Name, options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers =>
            {
                var pipelines = handlers.Services.GetRequiredService<StandardResiliencePipelines>();
                var pipeline = pipelines.GetOrAdd(handlers.Name ?? string.Empty, registration, configure);
                handlers.AdditionalHandlers.Add(new StandardResilienceHandler(pipeline));
            }));
        return builder;
    }

    /// <summary>
    /// Takes the standard handler off one named client, for calls whose caller wants the first
    /// answer rather than a retried one: a health check must report what it sees now.
    /// </summary>
    public static IHttpClientBuilder RemoveAllResilienceHandlers(this IHttpClientBuilder builder)
    {
        builder.Services.Configure<HttpClientFactoryOptions>(builder.Name, options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers =>
            {
                foreach (var handler in handlers.AdditionalHandlers.OfType<StandardResilienceHandler>().ToList())
                {
                    handlers.AdditionalHandlers.Remove(handler);
                    handler.Dispose();
                }
            }));
        return builder;
    }
}
