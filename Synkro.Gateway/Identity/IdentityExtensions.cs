using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;

namespace Synkro.Gateway.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// ASP.NET Core Identity's user store and password hasher: PBKDF2-HMAC-SHA512 at 210,000
    /// iterations (OWASP's figure); a hash made with fewer is upgraded by the library at the next
    /// successful login. Lockout after five failures; passwords of at least 12 characters, no
    /// composition rules (NIST 800-63B).
    /// </summary>
    public static IHostApplicationBuilder AddUserAccounts(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<IdentityDb>(ResourceNames.IdentityDb, configureDbContextOptions: options => options.UseNpgsql(IdentityDb.Npgsql));
        builder.AddDatabaseMigrations<IdentityDb>();
        builder.Services.Configure<PasswordHasherOptions>(hashing => hashing.IterationCount = 210_000);
        builder.Services.AddIdentityCore<SynkroUser>(identity =>
            {
                identity.Password.RequiredLength = 12;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.RequireUniqueEmail = true;
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<IdentityDb>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<FirstAdmin>();
        return builder;
    }
}
