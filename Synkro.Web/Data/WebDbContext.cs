using Microsoft.EntityFrameworkCore;
using Synkro.Web.Branding;

namespace Synkro.Web.Data;

/// <summary>The staff UI's own database (webdb): what the installation decides about its UI, such as its branding.</summary>
public sealed class WebDbContext(DbContextOptions<WebDbContext> options) : DbContext(options)
{
    public const string Schema = "web";

    /// <summary>The same options at run time and for <c>dotnet ef</c>: snake_case names, history table in the schema.</summary>
    public static DbContextOptionsBuilder<WebDbContext> Configure(DbContextOptionsBuilder<WebDbContext> options) => options
        .UseNpgsql(npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", Schema))
        .UseSnakeCaseNamingConvention();

    public DbSet<BrandingSettings> Branding => Set<BrandingSettings>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<BrandingSettings>(branding =>
        {
            branding.ToTable("branding", table => table.HasCheckConstraint("ck_branding_single_row", "id = 1"));
            branding.Property(b => b.Id).ValueGeneratedNever();
            branding.Property(b => b.Name).HasMaxLength(BrandingRules.NameMaxLength);
            branding.Property(b => b.PrimaryColor).HasMaxLength(7);
            branding.Property(b => b.SecondaryColor).HasMaxLength(7);
            branding.Property(b => b.LogoDataUrl).HasMaxLength(BrandingRules.LogoMaxDataUrlLength);
            branding.Property(b => b.UpdatedBy).HasMaxLength(200);
        });
    }
}
