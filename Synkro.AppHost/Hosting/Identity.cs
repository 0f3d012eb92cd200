namespace Synkro.AppHost.Hosting;

/// <summary>How the gateway's tokens are trusted: one issuer, the gateway's own public address, for every project.</summary>
public static class Identity
{
    public static IResourceBuilder<ProjectResource> WithIssuer(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> gateway) =>
        project.WithEnvironment("Identity__Issuer", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/"));

    /// <summary>A service validates tokens itself: it needs the issuer and a way to the gateway's keys.</summary>
    public static IResourceBuilder<ProjectResource> WithTokensFrom(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> gateway) =>
        service.WithReference(gateway).WithIssuer(gateway);

    /// <summary>
    /// A service that calls others on its own behalf (no user behind the call) gets a client of its
    /// own at the gateway: the secret is generated and persisted as an Aspire parameter, the gateway
    /// registers the client with the role (and any scopes: rights beyond the role), and the service
    /// asks for tokens with it (ServiceTokens).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceIdentity(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> gateway, string role, params string[] scopes)
    {
        var name = service.Resource.Name;
        var clientId = $"synkro-{name}";
        var secret = service.ApplicationBuilder.AddPassword($"{name}-client-secret", minLength: 32);
        gateway.WithEnvironment($"Identity__ServiceClients__{name}__ClientId", clientId)
            .WithEnvironment($"Identity__ServiceClients__{name}__Secret", secret)
            .WithEnvironment($"Identity__ServiceClients__{name}__Role", role);
        for (var i = 0; i < scopes.Length; i++)
        {
            gateway.WithEnvironment($"Identity__ServiceClients__{name}__Scopes__{i}", scopes[i]);
        }

        return service.WithTokensFrom(gateway)
            .WithEnvironment("ServiceClient__Id", clientId)
            .WithEnvironment("ServiceClient__Secret", secret);
    }
}
