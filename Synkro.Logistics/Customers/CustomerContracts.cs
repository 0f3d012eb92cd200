using System.ComponentModel.DataAnnotations;

namespace Synkro.Logistics.Customers;

public sealed record SaveCustomerRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string? Name,
    [property: Required, EmailAddress, StringLength(320)] string? Email,
    [property: Phone, StringLength(40)] string? Phone = null);

public sealed record CustomerResponse(Guid Id, string Name, string Email, string? Phone, bool HasAccount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CustomerResponse From(Customer customer) =>
        new(customer.Id, customer.Name, customer.Email, customer.Phone, customer.UserId is not null, customer.CreatedAt, customer.UpdatedAt);
}
