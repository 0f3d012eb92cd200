using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Synkro.Gateway.Tokens;

namespace Synkro.Gateway.Identity;

/// <summary>identitydb: users (ASP.NET Core Identity), OpenIddict's clients, authorizations and tokens, signing keys, revoked access tokens.</summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityUserContext<SynkroUser, Guid>(options)
{
    public const string Schema = "identity";

    public static void Npgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__ef_migrations_history", Schema);

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<DeniedToken> DeniedTokens => Set<DeniedToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.UseOpenIddict();
        builder.Entity<SynkroUser>().Property(user => user.Role).HasMaxLength(32);
        builder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.Property(k => k.Id).HasMaxLength(64);
        });
        builder.Entity<DeniedToken>(denied =>
        {
            denied.ToTable("denied_tokens");
            denied.HasKey(d => d.Jti);
            denied.Property(d => d.Jti).HasMaxLength(64);
            denied.HasIndex(d => d.ExpiresAt);
        });
    }
}
