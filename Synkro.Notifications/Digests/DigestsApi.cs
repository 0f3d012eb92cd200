using Microsoft.AspNetCore.Http.HttpResults;
using Synkro.Notifications.Security;

namespace Synkro.Notifications.Digests;

/// <summary>The daily digests, sent now rather than at their time: for admins, and for a first look at one.</summary>
public static class DigestsApi
{
    public static IEndpointRouteBuilder MapDigestsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/notifications/digests", SendNowAsync).WithTags("Digests").WithName("SendDigests")
            .RequireAuthorization(NotificationsPolicies.Administer)
            .WithDescription("Sends every held email in its recipient's digest now; the daily run then has nothing left of them.");
        return app;
    }

    private static async Task<Ok<DigestRun>> SendNowAsync(DigestRunner runner, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runner.RunAsync(clock.GetUtcNow(), cancellationToken));
}
