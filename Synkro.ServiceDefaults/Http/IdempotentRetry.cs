using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace Synkro.ServiceDefaults.Http;

/// <summary>
/// Narrows the standard handler's retries to requests that cannot do their work twice: idempotent
/// methods, requests carrying an Idempotency-Key, or a connection refused before any byte went out.
/// The library's own <c>DisableForUnsafeHttpMethods</c> also stops PUT and DELETE (idempotent by
/// HTTP's rules) and knows neither the key nor the refused connection; a POST that timed out or got a
/// 503 may already have taken effect, so it is not sent again.
/// </summary>
public static class IdempotentRetry
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly HashSet<HttpMethod> IdempotentMethods =
        [HttpMethod.Get, HttpMethod.Head, HttpMethod.Options, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Trace];

    public static HttpRetryStrategyOptions OnlyWhenSafe(this HttpRetryStrategyOptions retry)
    {
        var transient = retry.ShouldHandle;
        retry.ShouldHandle = async args => await transient(args)
            && (NothingWasSent(args.Outcome.Exception) || args.Context.GetRequestMessage() is not { } request || IsSafeToRepeat(request));
        return retry;
    }

    public static bool IsSafeToRepeat(HttpRequestMessage request) =>
        IdempotentMethods.Contains(request.Method) || request.Headers.Contains(IdempotencyKeyHeader);

    private static bool NothingWasSent(Exception? exception) =>
        exception is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } };
}
