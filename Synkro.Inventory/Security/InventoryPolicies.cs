using Microsoft.AspNetCore.Authorization;
using Synkro.Security;

namespace Synkro.Inventory.Security;

/// <summary>
/// What each of Synkro's staff roles (Synkro.Security.Roles, issued by the gateway) may do here.
/// Endpoints name a policy, never a role, so changing who may do what is one edit.
/// </summary>
public static class InventoryPolicies
{
    public const string Read = "inventory.read";
    public const string Reserve = "inventory.reserve";
    public const string MoveStock = "inventory.move-stock";
    public const string ManageCatalog = "inventory.manage-catalog";

    public static void Add(AuthorizationBuilder authorization) => authorization
        .AddPolicy(Read, policy => policy.RequireRole(Roles.Admin, Roles.Manager, Roles.Clerk, Roles.Viewer))
        .AddPolicy(Reserve, policy => policy.RequireRole(Roles.Admin, Roles.Manager, Roles.Clerk))
        .AddPolicy(MoveStock, policy => policy.RequireRole(Roles.Admin, Roles.Manager, Roles.Clerk))
        .AddPolicy(ManageCatalog, policy => policy.RequireRole(Roles.Admin, Roles.Manager));
}
