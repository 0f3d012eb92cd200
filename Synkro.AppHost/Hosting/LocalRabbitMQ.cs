using Aspire.Hosting.ApplicationModel;

namespace Synkro.AppHost.Hosting;

/// <summary>RabbitMQ run from Debian's binaries as a DCP executable, in the shape of Aspire's RabbitMQServerResource.</summary>
public sealed class LocalRabbitMQResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string UserName = "synkro";

    public EndpointReference PrimaryEndpoint => field ??= new(this, "tcp");

    public EndpointReference DistributionEndpoint => field ??= new(this, "dist");

    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{Password:uri}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");

    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() => ConnectionProperties.For(
        PrimaryEndpoint,
        ("Username", ReferenceExpression.Create($"{UserName}")),
        ("Password", ReferenceExpression.Create($"{Password}")),
        ("Uri", ConnectionStringExpression));
}

public static class LocalRabbitMQExtensions
{
    /// <summary>
    /// The broker with its own epmd as a foreground resource (so no epmd daemon outlives the run), on
    /// ports DCP picks; the distribution port is set too, as the default (AMQP + 20000) can pass 65535.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQResource> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password)
    {
        var data = RunDirectory.DataFor(builder, name);
        var epmd = builder.AddExecutable($"{name}-epmd", ServerPackages.PathOf(builder, "epmd"), data)
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .AfterPackagesInstalled();
        var epmdPort = epmd.GetEndpoint("tcp").Property(EndpointProperty.TargetPort);
        epmd.WithArgs(context => { context.Args.Add("-port"); context.Args.Add(epmdPort); });

        var broker = new LocalRabbitMQResource(name, ServerPackages.PathOf(builder, "rabbitmq"), data, password.Resource);
        var config = Path.Combine(data, "rabbitmq.conf");
        var plugins = Path.Combine(data, "enabled_plugins");
        var resource = builder.AddResource(broker)
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithEndpoint(name: "dist", scheme: "tcp", isProxied: false)
            // default_user/default_pass seed an empty broker only; the password parameter persists, so they stay in step.
            .OnBeforeResourceStarted(async (_, _, ct) =>
            {
                await File.WriteAllTextAsync(config, $"""
                    default_user = {LocalRabbitMQResource.UserName}
                    default_pass = {await password.Resource.GetValueAsync(ct)}
                    log.console = true
                    log.file = false
                    """, ct);
                File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                await File.WriteAllTextAsync(plugins, "[].", ct);
            })
            .WithEnvironment(context =>
            {
                var env = context.EnvironmentVariables;
                env["HOME"] = data;
                env["RABBITMQ_NODENAME"] = $"{name}@localhost";
                env["RABBITMQ_MNESIA_BASE"] = Path.Combine(data, "mnesia");
                env["RABBITMQ_LOG_BASE"] = Path.Combine(data, "log");
                env["RABBITMQ_CONFIG_FILE"] = config;
                env["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins;
                env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                env["RABBITMQ_NODE_PORT"] = broker.PrimaryEndpoint.Property(EndpointProperty.TargetPort);
                env["RABBITMQ_DIST_PORT"] = broker.DistributionEndpoint.Property(EndpointProperty.TargetPort);
                env["ERL_EPMD_PORT"] = epmdPort;
            })
            .WaitFor(epmd)
            .AfterPackagesInstalled()
            .WithProtocolHealthCheck(ct => ProtocolHealthChecks.AmqpAsync(broker.PrimaryEndpoint, ct))
            .WithIconName("Mail");
        epmd.WithParentRelationship(resource);
        return resource;
    }
}
