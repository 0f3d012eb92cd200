using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Synkro.Logistics.Data;

namespace Synkro.Logistics.Customers;

/// <summary>The customer record of a signed-in customer account, made the first time it is needed.</summary>
public sealed class CustomerAccounts(LogisticsDbContext db, TimeProvider clock)
{
    public async Task<Customer> OwnAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var subject = Subject(user);
        if (await db.Customers.SingleOrDefaultAsync(c => c.UserId == subject, cancellationToken) is { } existing)
        {
            return existing;
        }

        var now = clock.GetUtcNow();
        var name = user.Identity?.Name ?? subject;
        var customer = new Customer { Id = Guid.CreateVersion7(now), UserId = subject, Name = name, Email = user.FindFirstValue("email") ?? "", CreatedAt = now, UpdatedAt = now };
        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return customer;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two first requests at once: the other one made it.
            db.Entry(customer).State = EntityState.Detached;
            return await db.Customers.SingleAsync(c => c.UserId == subject, cancellationToken);
        }
    }

    /// <summary>The customer of the account, without making one.</summary>
    public Task<Guid?> FindIdAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var subject = Subject(user);
        return db.Customers.Where(c => c.UserId == subject).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
    }

    private static string Subject(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The token has no subject.");
}
