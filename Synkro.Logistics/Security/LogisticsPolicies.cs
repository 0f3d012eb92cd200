using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Synkro.Security;

namespace Synkro.Logistics.Security;

/// <summary>
/// Who may do what with orders and customers. Endpoints name a policy, never a role. Customers reach
/// only their own orders: the endpoints filter by the account, and answer 404 for anyone else's.
/// </summary>
public static class LogisticsPolicies
{
    public const string ReadOrders = "logistics.read-orders";
    public const string ReadAllOrders = "logistics.read-all-orders";
    public const string PlaceOrders = "logistics.place-orders";
    public const string ManageOrders = "logistics.manage-orders";
    public const string Customer = "logistics.customer";

    public static void Add(AuthorizationBuilder authorization) => authorization
        .AddPolicy(ReadOrders, policy => policy.RequireRole(Roles.All))
        .AddPolicy(ReadAllOrders, policy => policy.RequireRole(Roles.Staff))
        .AddPolicy(PlaceOrders, policy => policy.RequireRole(Roles.Admin, Roles.Manager, Roles.Clerk, Roles.Customer))
        .AddPolicy(ManageOrders, policy => policy.RequireRole(Roles.Admin, Roles.Manager, Roles.Clerk))
        .AddPolicy(Customer, policy => policy.RequireRole(Roles.Customer));

    public static bool IsCustomer(this ClaimsPrincipal user) => user.IsInRole(Roles.Customer);

    /// <summary>Who did it, for the status history: the authenticated name.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
