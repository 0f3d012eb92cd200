using System.Security.Claims;

namespace Synkro.Inventory.Security;

internal static class SecurityExtensions
{
    /// <summary>The gateway's access tokens, validated here too (ServiceDefaults), and inventory's policies over their roles.</summary>
    public static void AddInventorySecurity(this IHostApplicationBuilder builder)
    {
        builder.AddTokenValidation();
        InventoryPolicies.Add(builder.Services.AddAuthorizationBuilder());
    }

    /// <summary>Who did it, for the ledger: the authenticated name.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
