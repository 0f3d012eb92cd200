using Aspire.Hosting.ApplicationModel;

namespace Synkro.AppHost.Hosting;

/// <summary>Redis run from Debian's binary as a DCP executable, in the shape of Aspire's RedisResource.</summary>
public sealed class LocalRedisResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => field ??= new(this, "tcp");

    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={Password}");

    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() => ConnectionProperties.For(
        PrimaryEndpoint,
        ("Password", ReferenceExpression.Create($"{Password}")),
        ("Uri", ReferenceExpression.Create(
            $"redis://:{Password:uri}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}")));
}

public static class LocalRedisExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password)
    {
        var data = RunDirectory.DataFor(builder, name);
        var redis = new LocalRedisResource(name, ServerPackages.PathOf(builder, "redis"), data, password.Resource);
        return builder.AddResource(redis)
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                // A cache: snapshots to its data directory now and then, as the container's volume would keep them.
                foreach (var arg in new[] { "--bind", "127.0.0.1", "--dir", data, "--save", "60 1", "--daemonize", "no", "--requirepass" })
                {
                    context.Args.Add(arg);
                }

                context.Args.Add(password.Resource);
            })
            .AfterPackagesInstalled()
            .WithProtocolHealthCheck(ct => ProtocolHealthChecks.RespAsync(redis.PrimaryEndpoint, password.Resource, ct))
            .WithIconName("Memory");
    }
}
