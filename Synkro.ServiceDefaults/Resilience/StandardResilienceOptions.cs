using System.Net.Http;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Synkro.ServiceDefaults.Resilience;

/// <summary>
/// The strategies of the standard pipeline, outermost first, with the defaults of Aspire's
/// AddStandardResilienceHandler. Change any of them through the configure callback.
/// </summary>
public sealed class StandardResilienceOptions
{
    /// <summary>Caps the whole call, every retry and delay included.</summary>
    public TimeoutStrategyOptions TotalRequestTimeout { get; set; } = new()
    {
        Name = "TotalRequestTimeout",
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Retries transient failures of requests that are safe to send again.</summary>
    public RetryStrategyOptions<HttpResponseMessage> Retry { get; set; } = new()
    {
        Name = "Retry",
        MaxRetryAttempts = 3,
        BackoffType = Polly.DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromSeconds(2),
        ShouldHandle = static args => ValueTask.FromResult(HttpResilienceOutcomes.ShouldRetry(args.Context, args.Outcome)),
        DelayGenerator = static args => ValueTask.FromResult(HttpResilienceOutcomes.RetryAfter(args.Outcome.Result)),
    };

    /// <summary>Stops calling a destination that keeps failing, whatever the method.</summary>
    public CircuitBreakerStrategyOptions<HttpResponseMessage> CircuitBreaker { get; set; } = new()
    {
        Name = "CircuitBreaker",
        FailureRatio = 0.1,
        SamplingDuration = TimeSpan.FromSeconds(30),
        MinimumThroughput = 100,
        BreakDuration = TimeSpan.FromSeconds(5),
        ShouldHandle = static args => ValueTask.FromResult(HttpResilienceOutcomes.IsTransient(args.Outcome)),
    };

    /// <summary>Caps one attempt, so a hung replica costs a retry rather than the whole budget.</summary>
    public TimeoutStrategyOptions AttemptTimeout { get; set; } = new()
    {
        Name = "AttemptTimeout",
        Timeout = TimeSpan.FromSeconds(10),
    };
}
