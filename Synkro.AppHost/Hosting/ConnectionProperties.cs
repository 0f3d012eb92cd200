using Aspire.Hosting.ApplicationModel;

namespace Synkro.AppHost.Hosting;

/// <summary>
/// The connection properties Aspire's integrations publish beside a connection string (injected into
/// referencing projects as NAME_HOST, NAME_PORT ...): host and port of the endpoint, then the rest.
/// </summary>
internal static class ConnectionProperties
{
    public static IEnumerable<KeyValuePair<string, ReferenceExpression>> For(EndpointReference endpoint, params (string Name, ReferenceExpression Value)[] rest) =>
    [
        new("Host", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}")),
        new("Port", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Port)}")),
        .. rest.Select(p => new KeyValuePair<string, ReferenceExpression>(p.Name, p.Value)),
    ];
}
