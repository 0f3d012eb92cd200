using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Data;
using Synkro.Logistics.Http;
using Synkro.Logistics.Security;

namespace Synkro.Logistics.Customers;

/// <summary>
/// Customers: staff create and read them; a customer account has exactly one, its own, made on first
/// use from <c>/me</c> (or its first order) and editable there.
/// </summary>
public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers");
        customers.MapPost("", CreateAsync).RequireAuthorization(LogisticsPolicies.ManageOrders).WithName("CreateCustomer")
            .WithRequestExample(new SaveCustomerRequest("Ada Lovelace", "ada@example.com", "+44 20 7946 0958"));
        customers.MapGet("", ListAsync).RequireAuthorization(LogisticsPolicies.ReadAllOrders).WithName("ListCustomers");
        customers.MapGet("/me", MeAsync).RequireAuthorization(LogisticsPolicies.Customer).WithName("GetMyCustomer");
        customers.MapPut("/me", UpdateMeAsync).RequireAuthorization(LogisticsPolicies.Customer).WithName("UpdateMyCustomer")
            .WithRequestExample(new SaveCustomerRequest("Ada King", "ada@example.com"));
        customers.MapGet("/{id:guid}", GetAsync).RequireAuthorization(LogisticsPolicies.ReadAllOrders).WithName("GetCustomer");
        return app;
    }

    private static async Task<Created<CustomerResponse>> CreateAsync(SaveCustomerRequest request, LogisticsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var customer = new Customer { Id = Guid.CreateVersion7(now), Name = request.Name!.Trim(), Email = request.Email!.Trim(), Phone = request.Phone, CreatedAt = now, UpdatedAt = now };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/customers/{customer.Id}", CustomerResponse.From(customer));
    }

    private static async Task<Ok<List<CustomerResponse>>> ListAsync(LogisticsDbContext db, CancellationToken cancellationToken, Guid? after = null, int limit = 50) =>
        TypedResults.Ok(await db.Customers.AsNoTracking()
            .Where(c => after == null || c.Id > after)
            .OrderBy(c => c.Id).Take(Math.Clamp(limit, 1, 200))
            .Select(c => CustomerResponse.From(c)).ToListAsync(cancellationToken));

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetAsync(Guid id, LogisticsDbContext db, CancellationToken cancellationToken) =>
        await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } customer
            ? TypedResults.Ok(CustomerResponse.From(customer))
            : Problems.NotFound("Customer", id);

    private static async Task<Ok<CustomerResponse>> MeAsync(CustomerAccounts accounts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(CustomerResponse.From(await accounts.OwnAsync(user, cancellationToken)));

    private static async Task<Ok<CustomerResponse>> UpdateMeAsync(SaveCustomerRequest request, CustomerAccounts accounts, LogisticsDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var customer = await accounts.OwnAsync(user, cancellationToken);
        customer.Name = request.Name!.Trim();
        customer.Email = request.Email!.Trim();
        customer.Phone = request.Phone;
        customer.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CustomerResponse.From(customer));
    }
}
