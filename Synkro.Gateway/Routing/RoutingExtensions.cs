using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace Synkro.Gateway.Routing;

/// <summary>
/// The gateway's public routes, forwarded by YARP to the services behind it. Deliberately minimal:
/// the destinations are read once from the addresses Aspire injects (<c>services:inventory:http:0</c>),
/// and nothing is authenticated here yet. A later issue moves this onto
/// Microsoft.Extensions.ServiceDiscovery.Yarp (destinations resolved per request) and adds auth.
/// </summary>
public static class RoutingExtensions
{
    private const string InventoryCluster = "inventory";

    public static IHostApplicationBuilder AddGatewayRouting(this IHostApplicationBuilder builder)
    {
        // Inventory keeps its own /api/inventory prefix, so the path is forwarded unchanged.
        var routes = new[]
        {
            new RouteConfig
            {
                RouteId = "inventory",
                ClusterId = InventoryCluster,
                Match = new RouteMatch { Path = "/api/inventory/{**rest}" },
            },
        };

        // Aspire's address for a replicated service is DCP's proxy over the replicas, so this cluster
        // has one destination; RoundRobin is set so that adding destinations spreads load evenly
        // (YARP's default, PowerOfTwoChoices, is not what we mean).
        var clusters = new[]
        {
            new ClusterConfig
            {
                ClusterId = InventoryCluster,
                LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["inventory-0"] = new() { Address = ServiceAddress(builder.Configuration, ResourceNames.Inventory) },
                },
            },
        };

        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        return builder;
    }

    public static WebApplication MapGatewayRouting(this WebApplication app)
    {
        app.MapReverseProxy();
        return app;
    }

    /// <summary>Fails at startup, naming the key, rather than on the first request when the address is missing.</summary>
    private static string ServiceAddress(IConfiguration configuration, string service) =>
        configuration[$"services:{service}:http:0"]
        ?? throw new InvalidOperationException($"No address for '{service}': configuration 'services:{service}:http:0' (env services__{service}__http__0) is not set.");
}
