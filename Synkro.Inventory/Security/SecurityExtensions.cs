using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Synkro.Inventory.Security;

internal static class SecurityExtensions
{
    public const string TestSchemeSetting = "Authentication:Test:Enabled";

    public static void AddInventorySecurity(this IHostApplicationBuilder builder)
    {
        // Fenced off: the header scheme exists only when configuration asks for it explicitly.
        var testScheme = builder.Configuration.GetValue<bool>(TestSchemeSetting);
        var authentication = builder.Services.AddAuthentication(testScheme ? TestAuthenticationHandler.SchemeName : NoIdentityYetHandler.SchemeName);
        if (testScheme)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, null);
        }
        else
        {
            authentication.AddScheme<AuthenticationSchemeOptions, NoIdentityYetHandler>(NoIdentityYetHandler.SchemeName, null);
        }

        InventoryPolicies.Add(builder.Services.AddAuthorizationBuilder());
    }

    /// <summary>Who did it, for the ledger: the authenticated name.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
