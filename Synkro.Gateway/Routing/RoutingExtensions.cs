using Synkro.Gateway.Edge;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Transforms;

namespace Synkro.Gateway.Routing;

/// <summary>
/// The public routes, forwarded by YARP: <c>/api/{area}/...</c> to the service that owns the area,
/// and each service's OpenAPI document as <c>/openapi/{service}.json</c> for the API reference.
/// Destinations are service names, resolved per request by Microsoft.Extensions.ServiceDiscovery.
/// </summary>
public static class RoutingExtensions
{
    /// <summary>Area, owning service, and who may reach it at the edge.</summary>
    public static readonly (string Area, string Service, string Policy)[] Areas =
    [
        ("inventory", ResourceNames.Inventory, EdgePolicies.Inventory),
        ("orders", ResourceNames.Logistics, EdgePolicies.Logistics),
        ("customers", ResourceNames.Logistics, EdgePolicies.Logistics),
        ("notifications", ResourceNames.Notifications, EdgePolicies.Notifications),
        ("forecasting", ResourceNames.Forecasting, EdgePolicies.Forecasting),
    ];

    /// <summary>The services behind the areas, each once (logistics owns both orders and customers).</summary>
    public static readonly string[] Services = [.. Areas.Select(area => area.Service).Distinct()];

    public static IHostApplicationBuilder AddGatewayRouting(this IHostApplicationBuilder builder)
    {
        // The services keep their own /api/{area} prefix, so paths are forwarded unchanged.
        var routes = Areas.Select(area => new RouteConfig
        {
            RouteId = area.Area,
            ClusterId = area.Service,
            AuthorizationPolicy = area.Policy,
            CorsPolicy = EdgeExtensions.StaffUiCors,
            Match = new RouteMatch { Path = $"/api/{area.Area}/{{**rest}}" },
        }).Concat(Services.Select(service => new RouteConfig
        {
            RouteId = $"{service}-openapi",
            ClusterId = service,
            AuthorizationPolicy = "anonymous",
            Match = new RouteMatch { Path = $"/openapi/{service}.json", Methods = ["GET"] },
        }.WithTransformPathSet("/openapi/v1.json"))).ToList();

        var clusters = Services.Select(service => new ClusterConfig
        {
            ClusterId = service,
            LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
            Destinations = new Dictionary<string, DestinationConfig> { [service] = new() { Address = $"http://{service}" } },
            HealthCheck = new HealthCheckConfig
            {
                // Active: a destination that stops answering /alive is taken out within seconds.
                Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(2), Policy = "ConsecutiveFailures", Path = "/alive" },
                // Passive: one that fails requests at the transport level is taken out at once, for a while.
                Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(10) },
            },
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(100) },
        }).ToList();

        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGatewayRouting(this WebApplication app)
    {
        app.MapReverseProxy();
        return app;
    }
}
