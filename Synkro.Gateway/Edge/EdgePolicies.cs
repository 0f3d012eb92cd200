using Microsoft.AspNetCore.Authorization;
using Synkro.Security;

namespace Synkro.Gateway.Edge;

/// <summary>
/// Who may reach each area at all, checked at the edge before a request is forwarded. The services
/// check again, per operation (a viewer reaches inventory but cannot adjust stock there).
/// </summary>
public static class EdgePolicies
{
    public const string Inventory = "edge.inventory";
    public const string Logistics = "edge.logistics";
    public const string Notifications = "edge.notifications";
    public const string Forecasting = "edge.forecasting";
    public const string Users = "edge.users";
    public const string Directory = "edge.directory";

    public static void Add(AuthorizationBuilder authorization) => authorization
        .AddPolicy(Inventory, policy => policy.RequireRole(Roles.Staff))
        // Customers reach logistics for their own orders; the service filters by subject.
        .AddPolicy(Logistics, policy => policy.RequireRole(Roles.All))
        .AddPolicy(Notifications, policy => policy.RequireRole(Roles.Staff))
        .AddPolicy(Forecasting, policy => policy.RequireRole(Roles.Admin, Roles.Manager, Roles.Viewer))
        .AddPolicy(Users, policy => policy.RequireRole(Roles.Admin))
        // Who receives notifications: admins, and the services granted the directory scope (notifications).
        .AddPolicy(Directory, policy => policy.RequireAssertion(context => context.User.IsInRole(Roles.Admin) || context.User.HasScope(ServiceScopes.Directory)));
}
