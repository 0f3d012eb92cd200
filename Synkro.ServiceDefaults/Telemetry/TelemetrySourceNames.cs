namespace Synkro.ServiceDefaults.Telemetry;

/// <summary>
/// The ActivitySources and Meters every Synkro service subscribes to. Synkro's own sources are
/// named "Synkro.&lt;Capability&gt;" (add their names here as constants) so the wildcard picks them
/// up without another edit to the telemetry setup.
/// </summary>
public static class TelemetrySourceNames
{
    public const string Synkro = "Synkro.*";

    public static readonly IReadOnlyList<string> Tracing =
    [
        "Microsoft.AspNetCore",
        // The client span of every outgoing call; its handler writes the W3C traceparent header.
        "System.Net.Http",
        // The gateway's "proxy.forwarder" span around each forwarded request, between the gateway's
        // server span and the client span that carries the trace to the service behind it.
        "Yarp.ReverseProxy",
        "Npgsql",
        Synkro,
    ];

    public static readonly IReadOnlyList<string> Metrics =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
        "Npgsql",
        Synkro,
    ];
}
