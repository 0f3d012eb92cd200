using System.Globalization;
using Npgsql;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// What PostgreSQL did for one database, from its own counters (pg_stat_database, no extension needed):
/// transactions committed and rows written. Two readings around a benchmark row, divided by its events,
/// say how many round trips of work each event cost the outbox or the inbox.
/// </summary>
internal sealed record DatabaseWork(long Commits, long Inserted, long Updated, long Deleted)
{
    public static async Task<DatabaseWork> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Other backends publish their counters at most once a second, and when they go idle: the probes
        // have gone idle once a row is consumed, so two seconds later every count of the row is in.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using var command = new NpgsqlCommand(
            "SELECT xact_commit, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DatabaseWork(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public string PerEvent(DatabaseWork before, int events) =>
        string.Join(" | ", new[] { Commits - before.Commits, Inserted - before.Inserted, Updated - before.Updated, Deleted - before.Deleted }
            .Select(n => (n / (double)events).ToString("0.00", CultureInfo.InvariantCulture)));
}
