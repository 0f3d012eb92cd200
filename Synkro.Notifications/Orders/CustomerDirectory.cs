using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Synkro.Notifications.Recipients;
using Synkro.Security;

namespace Synkro.Notifications.Orders;

/// <summary>
/// An order's customer, asked of Logistics (<c>GET /api/customers/{id}</c>, open to staff roles) with
/// this service's own token: the contact details are Logistics' to keep, so none are copied here. A
/// customer deleted since is no one; a Logistics that does not answer fails the handler, and Wolverine
/// tries the event again.
/// </summary>
public sealed class CustomerDirectory(IHttpClientFactory http, ServiceTokens tokens)
{
    public const string ClientName = "customers";

    private sealed record CustomerResponse(Guid Id, string Name, string Email);

    public async Task<Recipient?> FindAsync(Guid customerId, CancellationToken cancellationToken)
    {
        using var client = http.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/customers/{customerId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CustomerResponse>(cancellationToken) is { Email.Length: > 0 } customer
            ? new Recipient(customer.Id, customer.Name, customer.Email, Roles.Customer)
            : null;
    }
}
