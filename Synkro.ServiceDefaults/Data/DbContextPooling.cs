using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Synkro.ServiceDefaults.Data;

internal static class DbContextPooling
{
    /// <summary>
    /// A pooled context is created once and reused, so its only constructor may take nothing but
    /// the options; a context that needs other services is registered per scope instead.
    /// </summary>
    public static bool IsPoolable<TContext>() where TContext : DbContext =>
        typeof(TContext).GetConstructors(BindingFlags.Public | BindingFlags.Instance) is [var constructor]
        && constructor.GetParameters() is [var parameter]
        && parameter.ParameterType == typeof(DbContextOptions<TContext>);

    /// <summary>
    /// Opens a connection outside the retrying execution strategy: a database that is down should
    /// fail the check at once with the driver's message, not after a minute of retries.
    /// </summary>
    public static async Task<bool> CanOpenConnectionAsync<TContext>(TContext context, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        // DatabaseFacade.OpenConnectionAsync goes through the execution strategy; the raw
        // connection does not.
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await connection.CloseAsync();
        return true;
    }
}
