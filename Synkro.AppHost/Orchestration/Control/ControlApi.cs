using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration.Control;

/// <summary>
/// <c>GET /resources</c> (state.json's document), <c>GET /resources/{name}</c>, and
/// <c>POST /resources/{name}/commands/{stop|start|restart}</c>; errors are problem details.
/// </summary>
internal static class ControlApi
{
    public static void MapControlApi(this WebApplication app, Orchestrator orchestrator, StateStore store, string token)
    {
        app.Use(RequireBearer(token));
        var resources = app.MapGroup("/resources");
        resources.MapGet("/", () => TypedResults.Json(store.Current(), StateFile.Json));
        resources.MapGet("/{name}", (string name) =>
            store.Current().Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) is { } resource
                ? TypedResults.Json(resource, StateFile.Json)
                : UnknownResource($"This AppHost runs no resource named '{name}'."));
        resources.MapPost("/{name}/commands/{command}", async Task<IResult> (string name, string command, HttpContext context) =>
        {
            // The command runs to its end even if the caller goes away: a half-done stop would leave the resource in limbo.
            var result = await orchestrator.ExecuteAsync(name, command);
            switch (result.Outcome)
            {
                case CommandOutcome.Completed:
                    return TypedResults.Json(result.Resource, StateFile.Json);
                case CommandOutcome.Accepted:
                    context.Response.Headers.Location = $"/resources/{result.Resource!.Name}";
                    return TypedResults.Json(result.Resource, StateFile.Json, statusCode: StatusCodes.Status202Accepted);
                case CommandOutcome.NotFound:
                    return UnknownResource(result.Problem);
                default:
                    return TypedResults.Problem(
                        result.Problem,
                        statusCode: StatusCodes.Status409Conflict,
                        title: "The command cannot run",
                        extensions: new Dictionary<string, object?> { ["resource"] = result.Resource?.Name, ["state"] = result.Resource?.State.ToString() });
            }
        });
    }

    private static IResult UnknownResource(string? detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "No such resource");

    private static Func<HttpContext, RequestDelegate, Task> RequireBearer(string token)
    {
        var expected = Encoding.UTF8.GetBytes($"Bearer {token}");
        return (context, next) =>
        {
            // Compared in constant time, so the response time says nothing about how much of a guess was right.
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()), expected))
            {
                return next(context);
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(
                "Send the token from secrets.json (control.token) as 'Authorization: Bearer {token}'.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Missing or wrong bearer token").ExecuteAsync(context);
        };
    }
}
