using Synkro.Hosting.Orchestration.State;
using Microsoft.Extensions.Logging;
using Npgsql;
using Synkro.Hosting.Orchestration.Processes;

namespace Synkro.Hosting.Orchestration.Runtimes;

/// <summary>PostgreSQL from the Debian binaries: initdb once into the resource's data directory, then the server in the foreground.</summary>
internal sealed partial class PostgresRuntime(PostgresServerResource server, RunContext context) : ResourceRuntime(server, context)
{
    private const string SystemUser = "postgres";

    public override string Type => "PostgreSQL";

    private string? RunAs => RunContext.IsRoot ? SystemUser : null;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var data = Context.Directory.DataFor(server.Name);
        if (RunAs is not null)
        {
            LogRunningAsUser(Context.Logger, server.Name, SystemUser);
            Changed($"runs as system user '{SystemUser}' (initdb refuses root)");
        }

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            await InitDbAsync(data, cancellationToken);
        }

        Processes[0] = await ChildProcess.StartAsync(Context.Launcher, Context.Tag(new ChildProcessSpec(
            Context.Binaries.Postgres,
            ["-D", data, "-p", server.Port.ToString(), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"])
        {
            RunAsUser = RunAs,
            WorkingDirectory = data,
            // SIGTERM is PostgreSQL's "smart" shutdown, which waits for every client to leave; SIGINT is "fast".
            StopSignal = Posix.SigInt,
        }), Context.LogFor(server.Name), "postgres");
    }

    private async Task InitDbAsync(string data, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(data);
        // initdb reads the superuser password from a file; it lives only as long as initdb runs.
        var passwordFile = Path.Combine(Context.Directory.ConfigFor(server.Name), "initdb-password");
        await File.WriteAllTextAsync(passwordFile, server.Password.Value, cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            if (RunAs is not null)
            {
                await Chown.RunAsync(SystemUser, [data, passwordFile, Path.GetDirectoryName(passwordFile)!], cancellationToken);
            }

            var initdb = await ChildProcess.StartAsync(Context.Launcher, Context.Tag(new ChildProcessSpec(
                Context.Binaries.InitDb,
                ["-D", data, "-U", PostgresServerResource.UserName, "--pwfile", passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-instructions"])
            {
                RunAsUser = RunAs,
                WorkingDirectory = data,
            }), Context.LogFor(server.Name), "initdb");
            var exitCode = await initdb.Exited.WaitAsync(cancellationToken);
            if (exitCode != 0)
            {
                Directory.Delete(data, recursive: true);
                throw new InvalidOperationException($"initdb failed ({exitCode}): {Context.LogFor(server.Name).LastLine()}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    protected override async Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection($"{server.GetConnectionString()};Database=postgres;Pooling=false;Timeout=3");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }

    protected override IReadOnlyList<EndpointSnapshot> Endpoints(int replica) =>
        [new("tcp", $"tcp://{server.Host}:{server.Port}")];

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "{Resource}: the AppHost runs as root and initdb refuses root, so PostgreSQL runs as the system user '{User}'")]
    private static partial void LogRunningAsUser(ILogger logger, string resource, string user);
}
