using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// gRPC between services runs over cleartext HTTP/2 (h2c) inside the cluster, and Kestrel speaks h2c
/// only on an endpoint that offers HTTP/2 alone: without TLS there is no negotiation to choose
/// between HTTP/1.1 and HTTP/2. So a service that serves gRPC gets a second endpoint from the AppHost
/// (named "grpc", its port in <c>GRPC_PORT</c>), bound here HTTP/2-only, beside the endpoints Aspire
/// gives in <c>ASPNETCORE_URLS</c> for REST, health and browsers. Both go through Kestrel's
/// configuration, because endpoints configured there replace <c>ASPNETCORE_URLS</c> rather than add to it.
/// </summary>
public static class GrpcEndpoint
{
    public const string PortVariable = "GRPC_PORT";

    public static void AddGrpcEndpoint(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[PortVariable] is not { Length: > 0 } port)
        {
            return; // no gRPC endpoint given (a test host, or run without the AppHost): REST only
        }

        var urls = (builder.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            // In a container: the image's ASPNETCORE_HTTP_PORTS (8080 by default), on every interface.
            urls = [.. (builder.Configuration["http_ports"] ?? "8080").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://+:{p}")];
        }

        // The same host as the REST endpoint: localhost in run mode, every interface ("+") in a container.
        var host = urls.Select(u => u[(u.IndexOf("://", StringComparison.Ordinal) + 3)..u.LastIndexOf(':')]).FirstOrDefault() ?? "+";
        var endpoints = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:grpc:Url"] = $"http://{host}:{port}",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
        };
        for (var i = 0; i < urls.Length; i++)
        {
            endpoints[$"Kestrel:Endpoints:web{i}:Url"] = urls[i];
        }

        builder.Configuration.AddInMemoryCollection(endpoints);
    }
}
