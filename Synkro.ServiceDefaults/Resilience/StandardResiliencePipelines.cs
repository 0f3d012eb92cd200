using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;

namespace Synkro.ServiceDefaults.Resilience;

/// <summary>
/// One pipeline per named client and registration, kept for the life of the app: the factory
/// rebuilds handlers every two minutes, and a circuit breaker that went with them would forget
/// the failures it had counted.
/// </summary>
internal sealed partial class StandardResiliencePipelines(ILogger<StandardResiliencePipelines> logger, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(string ClientName, object Registration), Lazy<ResiliencePipeline<HttpResponseMessage>>> pipelines = new();

    public ResiliencePipeline<HttpResponseMessage> GetOrAdd(string clientName, object registration, Action<StandardResilienceOptions>? configure) =>
        pipelines.GetOrAdd((clientName, registration), key => new(() => Build(key.ClientName, configure))).Value;

    private ResiliencePipeline<HttpResponseMessage> Build(string clientName, Action<StandardResilienceOptions>? configure)
    {
        var options = new StandardResilienceOptions();
        configure?.Invoke(options);

        var onRetry = options.Retry.OnRetry;
        options.Retry.OnRetry = async args =>
        {
            // The failed response is dropped for the next attempt; disposing it frees its connection.
            args.Outcome.Result?.Dispose();
            args.Context.Properties.TryGetValue(HttpResilienceOutcomes.RequestProperty, out var request);
            LogRetry(clientName, request?.Method, request?.RequestUri, args.AttemptNumber + 1, args.RetryDelay,
                args.Outcome.Exception?.Message ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}");
            if (onRetry is not null)
            {
                await onRetry(args);
            }
        };

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(options.TotalRequestTimeout)
            .AddRetry(options.Retry)
            .AddCircuitBreaker(options.CircuitBreaker)
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "HttpClient {ClientName}: {Method} {Uri} failed ({Outcome}); retry {Attempt} in {Delay}")]
    private partial void LogRetry(string clientName, HttpMethod? method, Uri? uri, int attempt, TimeSpan delay, string outcome);
}
