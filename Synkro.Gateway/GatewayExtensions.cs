using Scalar.AspNetCore;
using Synkro.Gateway.Auth;
using Synkro.Gateway.Clients;
using Synkro.Gateway.Edge;
using Synkro.Gateway.Identity;
using Synkro.Gateway.Routing;
using Synkro.Gateway.Tokens;
using Synkro.Gateway.Users;

namespace Synkro.Gateway;

public static class GatewayExtensions
{
    /// <summary>Registered in start order: accounts (and their migration) before keys, keys before the edge that validates with them.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddUserAccounts();
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddTokenServer();
        builder.AddEdge();
        builder.AddGatewayRouting();
        builder.Services.AddHttpClient<TokenFacade>();
        builder.Services.AddOpenApi(ResourceNames.Gateway);
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseEdge();
        app.MapTokenEndpoint();
        app.MapAuthorizeEndpoint();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapDirectoryApi();
        app.MapClientsApi();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(scalar => scalar
            .WithTitle("Synkro API")
            .AddDocuments([ResourceNames.Gateway, .. RoutingExtensions.Services]))
            .AllowAnonymous();
        app.MapGatewayRouting();
        return app;
    }
}
