using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Synkro.ServiceDefaults.Health;

namespace Synkro.ServiceDefaults.Telemetry;

/// <summary>
/// Shapes the request span ASP.NET Core starts, in place of the OpenTelemetry instrumentation
/// package we cannot restore.
/// Health probes are not recorded: the AppHost polls /health and /alive every few seconds and
/// would bury real traffic. Clearing the Recorded flag makes the batch exporter skip the span, and
/// the parent-based sampler then drops its children (database ping, call to the gateway) and tells
/// downstream services not to record either.
/// Other requests get what .NET 10 leaves out even with its semantic-convention tags switched on:
/// a "GET /route" name, the route, the status code, and error status for server errors.
/// </summary>
internal sealed class RequestActivityMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Activity.Current is not { } activity)
        {
            await next(context);
            return;
        }

        if (HealthEndpoints.IsProbe(context.Request.Path))
        {
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            if (activity.IsAllDataRequested)
            {
                Enrich(activity, context);
            }
        }
    }

    private static void Enrich(Activity activity, HttpContext context)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var status = context.Response.StatusCode;
        activity.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {route}";
        activity.SetTag("http.route", route);
        activity.SetTag("http.response.status_code", status);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            activity.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
