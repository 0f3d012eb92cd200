using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Synkro.ServiceDefaults.Data;
using Synkro.ServiceDefaults.Health;

namespace Microsoft.Extensions.Hosting;

public static class NpgsqlDbContextExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on PostgreSQL with the connection string
    /// "ConnectionStrings:{connectionName}", retries of transient failures, and a health check
    /// named <paramref name="connectionName"/> tagged "ready" and "db".
    /// </summary>
    public static void AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<NpgsqlDbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        // Read when the first context is created rather than now, so a test host can still
        // supply the connection string after the service has registered its context.
        void ConfigureContext(IServiceProvider services, DbContextOptionsBuilder options)
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"{typeof(TContext).Name} needs the connection string 'ConnectionStrings:{connectionName}' (environment variable ConnectionStrings__{connectionName}), which is not configured.");
            }

            options.UseNpgsql(connectionString, npgsql =>
            {
                npgsql.EnableRetryOnFailure();
                configure?.Invoke(npgsql);
            });
        }

        if (DbContextPooling.IsPoolable<TContext>())
        {
            builder.Services.AddDbContextPool<TContext>(ConfigureContext);
        }
        else
        {
            builder.Services.AddDbContext<TContext>(ConfigureContext);
        }

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TContext>(connectionName, tags: ["ready", "db"], customTestQuery: DbContextPooling.CanOpenConnectionAsync)
            .Describe(connectionName, $"PostgreSQL database {connectionName}");
    }
}
