using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Synkro.AppHost.Hosting;

/// <summary>PostgreSQL run from Debian's binaries as a DCP executable, in the shape of Aspire's PostgresServerResource.</summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string UserName = "postgres";

    public EndpointReference PrimaryEndpoint => field ??= new(this, "tcp");

    public ParameterResource Password { get; } = password;

    internal List<LocalPostgresDatabaseResource> Databases { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");

    // The variables Aspire's PostgreSQL integration injects beside the connection string (POSTGRES_HOST ...).
    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() => ConnectionProperties.For(
        PrimaryEndpoint,
        ("Username", ReferenceExpression.Create($"{UserName}")),
        ("Password", ReferenceExpression.Create($"{Password}")),
        ("Uri", ReferenceExpression.Create(
            $"postgresql://{UserName}:{Password:uri}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}")),
        ("JdbcConnectionString", ReferenceExpression.Create(
            $"jdbc:postgresql://{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}")));
}

/// <summary>A database of <see cref="LocalPostgresResource"/>, created once the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent { get; } = parent;

    public string DatabaseName => Name;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");

    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() =>
        Parent.CombineProperties([
            new("DatabaseName", ReferenceExpression.Create($"{DatabaseName}")),
            new("Uri", ReferenceExpression.Create($"{Parent.GetConnectionProperty("Uri")}/{DatabaseName}")),
            new("JdbcConnectionString", ReferenceExpression.Create($"{Parent.GetConnectionProperty("JdbcConnectionString")}/{DatabaseName}")),
        ]);
}

public static partial class LocalPostgresExtensions
{
    // initdb refuses to run as root; as root the server runs as Debian's postgres user instead.
    private static readonly bool AsSystemUser = Environment.UserName == "root";

    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password)
    {
        var postgres = ServerPackages.PathOf(builder, "postgres");
        var data = RunDirectory.DataFor(builder, name);
        var server = new LocalPostgresResource(name, AsSystemUser ? "/usr/bin/setpriv" : postgres, data, password.Resource);

        var init = builder.AddExecutable($"{name}-init", "/bin/sh", data, "-c", InitScript)
            .WithEnvironment("PGDATA", Path.Combine(data, "pgdata"))
            .WithEnvironment("INITDB", Path.Combine(Path.GetDirectoryName(postgres)!, "initdb"))
            .WithEnvironment("RUN_AS", AsSystemUser ? "setpriv --reuid=postgres --regid=postgres --init-groups" : "")
            .WithEnvironment("PG_PASSWORD", password)
            .AfterPackagesInstalled();

        var resource = builder.AddResource(server)
            // No port: DCP picks a free one and postgres itself listens on it (no proxy).
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                if (AsSystemUser)
                {
                    context.Args.Add("--reuid=postgres");
                    context.Args.Add("--regid=postgres");
                    context.Args.Add("--init-groups");
                    context.Args.Add(postgres);
                }

                foreach (var arg in new[] { "-D", Path.Combine(data, "pgdata"), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300", "-p" })
                {
                    context.Args.Add(arg);
                }

                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WaitForCompletion(init)
            .WithProtocolHealthCheck(ct => ProtocolHealthChecks.PostgresAsync(server, ct))
            .WithIconName("Database");
        init.WithParentRelationship(resource);

        builder.Eventing.Subscribe<ResourceReadyEvent>(server, (e, ct) => CreateDatabasesAsync(server, e.Services, ct));
        builder.Eventing.Subscribe<InitializeResourceEvent>(server, (e, ct) =>
        {
            _ = FailDatabasesWithServerAsync(server, e.Notifications, ct);
            return Task.CompletedTask;
        });
        return resource;
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresResource> server, string name)
    {
        var database = new LocalPostgresDatabaseResource(name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.Waiting, Properties = [] })
            .WithProtocolHealthCheck(ct => ProtocolHealthChecks.PostgresAsync(database, ct))
            .WithIconName("DatabaseStack");
    }

    /// <summary>A database is no DCP object: we create it and publish its state, or WaitFor(db) would block forever.</summary>
    private static async Task CreateDatabasesAsync(LocalPostgresResource server, IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        await using var connection = new NpgsqlConnection(await server.ConnectionStringExpression.GetValueAsync(ct) + ";Pooling=false");
        await connection.OpenAsync(ct);
        foreach (var database in server.Databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database.DatabaseName } } };
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
                LogCreated(logger, database.DatabaseName);
            }

            await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
        }
    }

    /// <summary>A server that fails takes its databases with it, so what waits for them fails too instead of hanging.</summary>
    private static async Task FailDatabasesWithServerAsync(LocalPostgresResource server, ResourceNotificationService notifications, CancellationToken ct)
    {
        string[] failed = [KnownResourceStates.FailedToStart, KnownResourceStates.Exited, KnownResourceStates.Finished];
        await foreach (var change in notifications.WatchAsync(ct))
        {
            if (change.Resource == server && failed.Contains(change.Snapshot.State?.Text))
            {
                foreach (var database in server.Databases)
                {
                    await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.FailedToStart });
                }
            }
        }
    }

    // initdb once per data directory; the password reaches it through a file that lives only as long as initdb.
    private const string InitScript = """
        set -e
        if [ -n "$RUN_AS" ]; then echo "The AppHost runs as root and initdb refuses root: PostgreSQL runs as the system user 'postgres'."; fi
        mkdir -p "$PGDATA"; chmod 700 "$PGDATA"
        [ -n "$RUN_AS" ] && chown postgres:postgres "$PGDATA"
        if [ -f "$PGDATA/PG_VERSION" ]; then echo "Data directory $PGDATA is initialised: keeping its data."; exit 0; fi
        pw=$(mktemp); trap 'rm -f "$pw"' EXIT; printf '%s' "$PG_PASSWORD" > "$pw"; [ -n "$RUN_AS" ] && chown postgres "$pw"
        $RUN_AS "$INITDB" -D "$PGDATA" -U postgres --pwfile="$pw" -A scram-sha-256 -E UTF8 --no-locale --no-instructions
        """;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogCreated(ILogger logger, string database);
}
