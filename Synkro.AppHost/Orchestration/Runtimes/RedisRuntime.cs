using Synkro.Hosting.Orchestration.State;
using System.Net.Sockets;
using System.Text;
using Synkro.Hosting.Orchestration.Processes;

namespace Synkro.Hosting.Orchestration.Runtimes;

/// <summary>redis-server in the foreground with a password, append-only persistence in the resource's data directory.</summary>
internal sealed class RedisRuntime(RedisResource redis, RunContext context) : ResourceRuntime(redis, context)
{
    public override string Type => "Redis";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var data = Context.Directory.DataFor(redis.Name);
        Directory.CreateDirectory(data);
        // The password goes in a config file rather than on the command line, where `ps` would show it.
        var config = Path.Combine(Context.Directory.ConfigFor(redis.Name), "redis.conf");
        await File.WriteAllTextAsync(config, $"requirepass \"{redis.Password.Value}\"\n", cancellationToken);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // set-proc-title would write the process title over the environment, hiding the run-directory tag the
        // reaper finds leftovers by.
        Processes[0] = await ChildProcess.StartAsync(Context.Launcher, Context.Tag(new ChildProcessSpec(
            Context.Binaries.Redis,
            [config, "--port", redis.Port.ToString(), "--bind", "127.0.0.1", "--dir", data, "--appendonly", "yes", "--daemonize", "no", "--save", "", "--set-proc-title", "no"])
        {
            WorkingDirectory = data,
        }), Context.LogFor(redis.Name), "redis");
    }

    protected override async Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(redis.Host, redis.Port, cancellationToken);
        var stream = client.GetStream();
        var password = redis.Password.Value;
        var request = $"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(password)}\r\n{password}\r\n*1\r\n$4\r\nPING\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), cancellationToken);
        var reply = new StringBuilder();
        var buffer = new byte[64];
        while (!reply.ToString().Contains("PONG") && !reply.ToString().Contains("-ERR") && !reply.ToString().Contains("LOADING"))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return reply.ToString() == "+OK\r\n+PONG\r\n";
    }

    protected override IReadOnlyList<EndpointSnapshot> Endpoints(int replica) =>
        [new("tcp", $"tcp://{redis.Host}:{redis.Port}")];
}
