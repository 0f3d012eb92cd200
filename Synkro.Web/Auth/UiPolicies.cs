using Synkro.Security;

namespace Synkro.Web.Auth;

/// <summary>
/// What each role may do in the UI: the same split as the services' own policies, so a page shows
/// only the actions its API would accept (and the API refuses them anyway).
/// </summary>
public static class UiPolicies
{
    /// <summary>Everyone but customers: they use the API for their own orders, not the staff UI.</summary>
    public const string Staff = "staff";
    public const string MoveStock = "move-stock";
    public const string ManageCatalog = "manage-catalog";
    public const string ManageOrders = "manage-orders";
    public const string ManageUsers = "manage-users";
    public const string ManageSettings = "manage-settings";

    public static void AddUiPolicies(this IServiceCollection services) => services.AddAuthorizationBuilder()
        .AddPolicy(Staff, policy => policy.RequireRole(Roles.Staff))
        .AddPolicy(MoveStock, policy => policy.RequireRole(Roles.Admin, Roles.Manager, Roles.Clerk))
        .AddPolicy(ManageCatalog, policy => policy.RequireRole(Roles.Admin, Roles.Manager))
        .AddPolicy(ManageOrders, policy => policy.RequireRole(Roles.Admin, Roles.Manager, Roles.Clerk))
        .AddPolicy(ManageUsers, policy => policy.RequireRole(Roles.Admin))
        .AddPolicy(ManageSettings, policy => policy.RequireRole(Roles.Admin, Roles.Manager));
}
