using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components.Authorization;
using Synkro.Web.Auth;

namespace Synkro.Web.Api;

/// <summary>
/// Everything the pages ask of Synkro, through the gateway (found by service discovery) with the
/// signed-in person's own access token, so every call has exactly that person's rights. Scoped to the
/// circuit: it reads the user from the circuit's authentication state, not from an HttpContext.
/// </summary>
public sealed class GatewayApi(HttpClient http, AuthenticationStateProvider authentication, SessionTokens tokens)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task<ItemPage> ItemsAsync(string? search, string? after, int limit, CancellationToken cancellationToken = default) =>
        GetAsync<ItemPage>($"/api/inventory/items?limit={limit}{Query("q", search)}{Query("after", after)}", cancellationToken);

    public Task<Item> ItemAsync(string sku, CancellationToken cancellationToken = default) =>
        GetAsync<Item>($"/api/inventory/items/{Uri.EscapeDataString(sku)}", cancellationToken);

    public Task<List<Level>> LevelsAsync(string sku, CancellationToken cancellationToken = default) =>
        GetAsync<List<Level>>($"/api/inventory/items/{Uri.EscapeDataString(sku)}/levels", cancellationToken);

    /// <summary>The ledger newest first. The API pages oldest first; a ledger longer than one page of 1,000 shows its first page (paging the UI's ledger is still to do).</summary>
    public async Task<List<Movement>> MovementsAsync(string sku, CancellationToken cancellationToken = default) =>
        [.. (await GetAsync<List<Movement>>($"/api/inventory/items/{Uri.EscapeDataString(sku)}/movements?limit=1000", cancellationToken)).OrderByDescending(m => m.OccurredAt)];

    public Task<List<Warehouse>> WarehousesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<Warehouse>>("/api/inventory/warehouses", cancellationToken);

    public Task AdjustAsync(Adjustment adjustment, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/api/inventory/adjustments", adjustment, cancellationToken);

    public Task<StockSummary> StockSummaryAsync(CancellationToken cancellationToken = default) =>
        GetAsync<StockSummary>("/api/inventory/summary", cancellationToken);

    public Task<List<Transfer>> TransfersAsync(string sku, CancellationToken cancellationToken = default) =>
        GetAsync<List<Transfer>>($"/api/inventory/transfers?sku={Uri.EscapeDataString(sku)}", cancellationToken);

    public Task ShipTransferAsync(NewTransfer transfer, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/api/inventory/transfers", transfer, cancellationToken);

    /// <summary>Received as shipped; a count that differs is recorded as the transfer's variance.</summary>
    public Task ReceiveTransferAsync(Guid id, int receivedQuantity, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/api/inventory/transfers/{id}/receive", new { receivedQuantity }, cancellationToken);

    public Task<OrderPage> OrdersAsync(string? status, DateTimeOffset? before, int limit, DateTimeOffset? from = null, CancellationToken cancellationToken = default) =>
        GetAsync<OrderPage>($"/api/orders?limit={limit}{Query("status", status)}{Query("before", before?.ToString("O"))}{Query("from", from?.ToString("O"))}", cancellationToken);

    public Task<Order> OrderAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<Order>($"/api/orders/{id}", cancellationToken);

    public Task<List<StatusChange>> HistoryAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<List<StatusChange>>($"/api/orders/{id}/history", cancellationToken);

    /// <summary>ship, deliver or cancel, with a note for the history.</summary>
    public Task ActAsync(Guid id, string action, string? note, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/api/orders/{id}/{action}", action == "cancel" ? new { reason = note } : new { notes = note }, cancellationToken);

    public Task<InboxPage> InboxAsync(bool unread, Guid? before, int limit, CancellationToken cancellationToken = default) =>
        GetAsync<InboxPage>($"/api/notifications/inbox?limit={limit}&unread={unread}{Query("before", before?.ToString())}", cancellationToken);

    public Task MarkReadAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/api/notifications/inbox/{id}/read", new { }, cancellationToken);

    /// <summary>Read up to and including <paramref name="upTo"/>, the newest the person has seen: what arrives meanwhile stays unread.</summary>
    public Task MarkAllReadAsync(Guid upTo, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/api/notifications/inbox/read?upTo={upTo}", new { }, cancellationToken);

    /// <summary>By username, those whose username or email contains <paramref name="search"/>; a page of <paramref name="take"/> after the first <paramref name="skip"/>.</summary>
    public Task<List<UserAccount>> UsersAsync(string? search, int skip, int take, CancellationToken cancellationToken = default) =>
        GetAsync<List<UserAccount>>($"/api/users?skip={skip}&take={take}{Query("q", search)}", cancellationToken);

    public Task CreateUserAsync(NewUser user, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/api/users", user, cancellationToken);

    /// <summary>A null leaves that field as it is.</summary>
    public Task UpdateUserAsync(Guid id, string? role, bool? isActive, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"/api/users/{id}", new { role, isActive }, cancellationToken);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    private async Task SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            var token = await tokens.AccessTokenAsync(user, cancellationToken)
                ?? throw new ApiProblem(HttpStatusCode.Unauthorized, "Your session has ended", "Sign in again to go on.", new Dictionary<string, string[]>(), []);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                throw await ApiProblem.ReadAsync(response, cancellationToken);
            }
        }
    }

    private static string Query(string name, string? value) => string.IsNullOrEmpty(value) ? "" : $"&{name}={Uri.EscapeDataString(value)}";
}
