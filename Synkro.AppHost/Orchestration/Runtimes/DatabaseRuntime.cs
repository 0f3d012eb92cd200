using Npgsql;

namespace Synkro.Hosting.Orchestration.Runtimes;

/// <summary>A database inside a running PostgreSQL server: created if absent, healthy while it accepts connections.</summary>
internal sealed class DatabaseRuntime(PostgresDatabaseResource database, RunContext context) : ResourceRuntime(database, context)
{
    public override string Type => "PostgreSQL database";

    public override string? NoCommandsReason =>
        $"'{database.Name}' is a database inside the server '{database.Parent.Name}'; stop, start or restart '{database.Parent.Name}' instead.";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection($"{database.Parent.GetConnectionString()};Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database.DatabaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // CREATE DATABASE takes no parameters; the name is quoted as an identifier instead.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    protected override async Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection($"{database.GetConnectionString()};Pooling=false;Timeout=3");
        await connection.OpenAsync(cancellationToken);
        return true;
    }

    public override Task StopAsync() => Task.CompletedTask;
}
