using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Synkro.Security;

namespace Synkro.Notifications.Security;

/// <summary>Who may do what here. Endpoints name a policy, never a role.</summary>
public static class NotificationsPolicies
{
    /// <summary>Staff manage their own subscriptions.</summary>
    public const string Subscribe = "notifications.subscribe";

    /// <summary>Admins manage role subscriptions and templates.</summary>
    public const string Administer = "notifications.administer";

    /// <summary>Admins and managers read the delivery log.</summary>
    public const string ReadDeliveries = "notifications.read-deliveries";

    public static void Add(AuthorizationBuilder authorization) => authorization
        .AddPolicy(Subscribe, policy => policy.RequireRole(Roles.Staff))
        .AddPolicy(Administer, policy => policy.RequireRole(Roles.Admin))
        .AddPolicy(ReadDeliveries, policy => policy.RequireRole(Roles.Admin, Roles.Manager));

    public static Guid? UserId(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue("sub"), out var id) ? id : null;

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
