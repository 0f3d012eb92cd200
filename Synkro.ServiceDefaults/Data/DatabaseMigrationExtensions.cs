using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Synkro.ServiceDefaults.Data;

namespace Microsoft.Extensions.Hosting;

public static class DatabaseMigrationExtensions
{
    /// <summary>Migrates <typeparamref name="TContext"/>'s database at start; call it before AddMessaging.</summary>
    public static IHostApplicationBuilder AddDatabaseMigrations<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }
}
