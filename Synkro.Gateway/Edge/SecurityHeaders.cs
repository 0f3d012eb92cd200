using System.Diagnostics;

namespace Synkro.Gateway.Edge;

/// <summary>
/// Headers on every response, proxied ones included: the trace id (so a user can quote it and an
/// operator find the trace) and the usual browser hardening. The API reference page needs its
/// scripts, so it gets a looser content policy than the JSON API.
/// </summary>
public static class SecurityHeaders
{
    public const string TraceIdHeader = "X-Trace-Id";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers[TraceIdHeader] = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar")
                ? "default-src 'self' 'unsafe-inline' data:; frame-ancestors 'none'"
                : "default-src 'none'; frame-ancestors 'none'";
            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        });
        return next(http);
    });
}
