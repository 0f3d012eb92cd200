using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Synkro.Gateway.Tokens;

/// <summary>
/// Registers Synkro's own public clients, kept current at every start: <c>synkro-staff</c>, the
/// password and refresh-token grants that the staff tools and <c>/auth/login</c> use, and
/// <c>synkro-web</c>, the staff UI, which signs in with the authorization code and PKCE and may
/// return only to its own address (<c>Identity:WebRedirectUris</c>, set by the AppHost); and the
/// services' own identities (<c>Identity:ServiceClients</c>, client credentials with a secret from
/// an AppHost parameter). Other machine clients are created by an admin.
/// </summary>
internal sealed class FirstPartyClients(IServiceScopeFactory scopes, IOptions<IdentitySettings> settings) : IHostedService
{
    public const string StaffClient = "synkro-staff";
    public const string WebClient = "synkro-web";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await RegisterAsync(applications, Staff(), cancellationToken);
        await RegisterAsync(applications, Web(settings.Value.WebRedirectUris), cancellationToken);
        foreach (var client in settings.Value.ServiceClients.Values)
        {
            await RegisterAsync(applications, Service(client), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor Staff() => new()
    {
        ClientId = StaffClient,
        ClientType = ClientTypes.Public,
        DisplayName = "Synkro staff tools",
        Permissions =
        {
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.Password,
            Permissions.GrantTypes.RefreshToken,
        },
    };

    private static OpenIddictApplicationDescriptor Service(ServiceClient client)
    {
        var service = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.Secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = $"Synkro service {client.ClientId}",
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            Properties = { [TokenEndpoint.ClientRoleProperty] = System.Text.Json.JsonSerializer.SerializeToElement(client.Role) },
        };
        service.Permissions.UnionWith(client.Scopes.Select(scope => Permissions.Prefixes.Scope + scope));
        return service;
    }

    private static OpenIddictApplicationDescriptor Web(IEnumerable<Uri> redirectUris)
    {
        var web = new OpenIddictApplicationDescriptor
        {
            ClientId = WebClient,
            ClientType = ClientTypes.Public,
            DisplayName = "Synkro staff UI",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        web.RedirectUris.UnionWith(redirectUris);
        return web;
    }

    private static async Task RegisterAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        try
        {
            if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
            {
                // The UI's address can change between runs; the registration follows it.
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OpenIddictExceptions.ValidationException or OpenIddictExceptions.ConcurrencyException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Another gateway replica registered or updated it at the same moment.
        }
    }
}
