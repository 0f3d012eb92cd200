using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Synkro.Gateway.Edge;
using Synkro.Gateway.Tokens;
using Synkro.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Synkro.Gateway.Clients;

/// <summary>
/// Machine clients, for admins: a program that calls Synkro with the client_credentials grant under a
/// role of its own. The secret is shown once, when the client is created; OpenIddict keeps only its hash.
/// </summary>
public static class ClientsApi
{
    /// <summary>No machine client administers Synkro or acts as a customer.</summary>
    public static readonly string[] MachineRoles = [Roles.Manager, Roles.Clerk, Roles.Viewer];

    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/clients").WithTags("Clients").RequireAuthorization(EdgePolicies.Users);
        clients.MapGet("", ListAsync).WithName("ListClients");
        clients.MapPost("", CreateAsync).WithName("CreateClient");
        clients.MapDelete("/{clientId}", DeleteAsync).WithName("DeleteClient");
        return app;
    }

    public sealed record CreateClientRequest(string? Name, string? Role);

    public sealed record ClientView(string ClientId, string Name, string Role);

    public sealed record CreatedClient(string ClientId, string Name, string Role, string ClientSecret);

    private static async Task<Ok<List<ClientView>>> ListAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var found = new List<ClientView>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (await ViewAsync(applications, application, cancellationToken) is { } view)
            {
                found.Add(view);
            }
        }

        return TypedResults.Ok(found.OrderBy(c => c.Name, StringComparer.Ordinal).ToList());
    }

    private static async Task<Results<Created<CreatedClient>, ValidationProblem>> CreateAsync(
        CreateClientRequest body, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 100)
        {
            errors["name"] = ["A name of 1 to 100 characters is required."];
        }

        if (!MachineRoles.Contains(body.Role))
        {
            errors["role"] = [$"One of: {string.Join(", ", MachineRoles)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var clientId = $"machine-{Guid.NewGuid():N}"[..24];
        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = body.Name!.Trim(),
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials },
            Properties = { [TokenEndpoint.ClientRoleProperty] = JsonSerializer.SerializeToElement(body.Role) },
        };
        await applications.CreateAsync(descriptor, cancellationToken);
        return TypedResults.Created($"/api/clients/{clientId}", new CreatedClient(clientId, descriptor.DisplayName, body.Role!, secret));
    }

    /// <summary>The client can get no more tokens; those it holds run out within one access-token lifetime.</summary>
    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string clientId, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application
            || await ViewAsync(applications, application, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        await applications.DeleteAsync(application, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Machine clients are the applications with a role; Synkro's own clients have none.</summary>
    private static async Task<ClientView?> ViewAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(TokenEndpoint.ClientRoleProperty, out var role) && role.ValueKind == JsonValueKind.String
            ? new ClientView((await applications.GetClientIdAsync(application, cancellationToken))!, (await applications.GetDisplayNameAsync(application, cancellationToken)) ?? "", role.GetString()!)
            : null;
    }
}
