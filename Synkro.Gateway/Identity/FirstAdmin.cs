using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Synkro.Security;

namespace Synkro.Gateway.Identity;

/// <summary>
/// Creates the first admin, <c>admin</c>, with the password the AppHost generated
/// (<c>Identity__AdminPassword</c>, the <c>admin-password</c> parameter). It never resets an
/// existing account: after the first start the password is the admin's to change.
/// </summary>
internal sealed partial class FirstAdmin(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<FirstAdmin> logger) : IHostedService
{
    public const string UserName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration["Identity:AdminPassword"] is not { Length: > 0 } password)
        {
            LogNoPassword();
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SynkroUser>>();
        if (await users.FindByNameAsync(UserName) is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var admin = new SynkroUser { UserName = UserName, Email = "admin@synkro.local", Role = Roles.Admin, CreatedAt = now, UpdatedAt = now };
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(admin, password);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two gateway replicas raced here; the loser hits the unique name, which is the goal reached.
            return;
        }

        if (!result.Succeeded && await users.FindByNameAsync(UserName) is null)
        {
            throw new InvalidOperationException($"Could not create the first admin: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Identity:AdminPassword is not set: no first admin is created")]
    private partial void LogNoPassword();
}
