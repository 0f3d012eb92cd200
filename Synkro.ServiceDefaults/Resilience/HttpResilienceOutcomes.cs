using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Timeout;

namespace Synkro.ServiceDefaults.Resilience;

/// <summary>Which outcomes are worth another attempt, and which requests may have one.</summary>
public static class HttpResilienceOutcomes
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The request being sent, for predicates that must know its method and headers.</summary>
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestProperty = new("Synkro.Http.Request");

    private static readonly HashSet<HttpMethod> IdempotentMethods =
        [HttpMethod.Get, HttpMethod.Head, HttpMethod.Options, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Trace];

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    /// <summary>
    /// A transient failure is retried only when repeating the request cannot do the work twice:
    /// idempotent methods, requests carrying an Idempotency-Key, or a connection that was refused
    /// before any byte went out. A POST that timed out or got a 503 may already have taken effect.
    /// </summary>
    public static bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        if (!IsTransient(outcome))
        {
            return false;
        }

        if (NothingWasSent(outcome.Exception))
        {
            return true;
        }

        return context.Properties.TryGetValue(RequestProperty, out var request) && IsSafeToRepeat(request);
    }

    public static bool IsSafeToRepeat(HttpRequestMessage request) =>
        IdempotentMethods.Contains(request.Method) || request.Headers.Contains(IdempotencyKeyHeader);

    /// <summary>Honors the server's Retry-After on 429 and 503; null keeps the backoff delay.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter?.Date is { } date ? Max(date - DateTimeOffset.UtcNow, TimeSpan.Zero) : null;
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static bool NothingWasSent(Exception? exception) =>
        exception is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
