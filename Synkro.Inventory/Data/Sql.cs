using Npgsql;

namespace Synkro.Inventory.Data;

internal static class Sql
{
    /// <summary>
    /// A batch command with positional parameters ($1, $2, ...), Npgsql's fastest path. The first value
    /// is separate so that a lone array argument is one parameter, not spread as the params array.
    /// </summary>
    public static NpgsqlBatchCommand Command(string sql, object? first, params object?[] rest)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in rest.Prepend(first))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
