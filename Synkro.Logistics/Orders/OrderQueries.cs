using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Customers;
using Synkro.Logistics.Data;
using Synkro.Logistics.Security;

namespace Synkro.Logistics.Orders;

internal static class OrderQueries
{
    /// <summary>
    /// Orders newest first, filtered by status, customer and creation time, a page at a time with
    /// keyset paging (<c>before</c>: the creation time of the last order on the previous page, in
    /// microseconds as PostgreSQL keeps it). A customer sees only their own.
    /// </summary>
    public static async Task<Ok<OrderPage>> ListAsync(
        LogisticsDbContext db,
        CustomerAccounts accounts,
        ClaimsPrincipal user,
        CancellationToken cancellationToken,
        OrderStatus? status = null,
        Guid? customerId = null,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        DateTimeOffset? before = null,
        [Range(1, 200)] int limit = 50)
    {
        if (user.IsCustomer())
        {
            customerId = await accounts.FindIdAsync(user, cancellationToken) ?? Guid.Empty;
        }

        var orders = db.Orders.AsNoTracking();
        orders = status is null ? orders : orders.Where(o => o.Status == status);
        orders = customerId is null ? orders : orders.Where(o => o.CustomerId == customerId);
        orders = from is null ? orders : orders.Where(o => o.CreatedAt >= from);
        orders = to is null ? orders : orders.Where(o => o.CreatedAt < to);
        orders = before is null ? orders : orders.Where(o => o.CreatedAt < before);
        var page = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(limit + 1)
            .Select(o => new OrderSummary(o.Id, o.CustomerId, o.Status, o.TotalAmount, o.Currency, o.Lines.Count, o.CreatedAt, o.UpdatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(page.Count > limit ? new OrderPage(page[..limit], page[limit - 1].CreatedAt) : new OrderPage(page, null));
    }
}
