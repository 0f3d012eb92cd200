using System.Security.Cryptography;
using System.Text;
using RabbitMQ.Client;
using Synkro.Hosting.Orchestration.Processes;
using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration.Runtimes;

/// <summary>
/// RabbitMQ from the Debian package, with its own epmd on a private port (so no epmd daemon outlives
/// the run) and a node name derived from the run directory (the stored broker data is keyed by it).
/// </summary>
internal sealed class RabbitMQRuntime(RabbitMQServerResource broker, RunContext context, int epmdPort, int distributionPort)
    : ResourceRuntime(broker, context)
{
    private ChildProcess? epmd;

    public override string Type => "RabbitMQ";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var data = Context.Directory.DataFor(broker.Name);
        var home = Path.Combine(data, "home");
        Directory.CreateDirectory(home);
        var config = Context.Directory.ConfigFor(broker.Name);
        var configFile = Path.Combine(config, "rabbitmq.conf");
        // default_user/default_pass only seed an empty broker; the password is kept with the data so they stay in step.
        await File.WriteAllTextAsync(configFile, $"""
            listeners.tcp.default = {broker.Host}:{broker.Port}
            default_user = {RabbitMQServerResource.UserName}
            default_pass = {broker.Password.Value}
            loopback_users = none
            log.console = true
            log.file = false
            """, cancellationToken);
        File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var plugins = Path.Combine(config, "enabled_plugins");
        await File.WriteAllTextAsync(plugins, "[].", cancellationToken);

        var log = Context.LogFor(broker.Name);
        epmd = await ChildProcess.StartAsync(Context.Launcher, Context.Tag(new ChildProcessSpec(Context.Binaries.Epmd, ["-port", epmdPort.ToString()])), log, "epmd");
        Processes[0] = await ChildProcess.StartAsync(Context.Launcher, Context.Tag(new ChildProcessSpec(Context.Binaries.RabbitMQ, [])
        {
            WorkingDirectory = data,
            Environment =
            {
                ["HOME"] = home,
                ["RABBITMQ_NODENAME"] = $"synkro-{NodeSuffix()}@localhost",
                ["RABBITMQ_MNESIA_BASE"] = Path.Combine(data, "mnesia"),
                ["RABBITMQ_LOG_BASE"] = Path.Combine(data, "log"),
                ["RABBITMQ_CONFIG_FILE"] = configFile,
                ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
                ["RABBITMQ_NODE_PORT"] = broker.Port.ToString(),
                ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(),
                ["ERL_EPMD_PORT"] = epmdPort.ToString(),
            },
        }), log, "rabbitmq");
    }

    private string NodeSuffix() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Context.Directory.Root)))[..10];

    protected override async Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker.GetConnectionString()), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
        await using var connection = await factory.CreateConnectionAsync("synkro-apphost-probe", cancellationToken);
        return connection.IsOpen;
    }

    public override async Task StopAsync()
    {
        if (Processes[0] is { } server)
        {
            // The launcher script answers SIGTERM by starting a second Erlang VM to run `rabbitmqctl stop`;
            // signalling the broker's own VM (the script's child) stops it as gracefully, seconds sooner.
            var vm = Posix.Children(server.Pid).FirstOrDefault();
            await server.StopAsync(TimeSpan.FromSeconds(15), vm > 0 ? vm : null);
        }

        if (epmd is not null)
        {
            await epmd.StopAsync(TimeSpan.FromSeconds(5));
        }
    }

    protected override IReadOnlyList<EndpointSnapshot> Endpoints(int replica) =>
        [new("tcp", $"tcp://{broker.Host}:{broker.Port}")];
}
