using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Synkro.Web.Auth;

namespace Synkro.Web.Api;

/// <summary>
/// A service's server-sent events through the gateway, with the person's token: an order's status
/// changes, inventory's stock changes, the person's inbox. A client of its own: the standard resilience handler's
/// timeouts would cut a stream that is meant to stay open, and retrying a stream is the page's
/// decision, not the handler's.
/// </summary>
public sealed class EventStream(HttpClient http, AuthenticationStateProvider authentication, SessionTokens tokens)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An order's changes as they happen (its history first); ends when it is Delivered or Cancelled.</summary>
    public async IAsyncEnumerable<string> OrderChangesAsync(Guid order, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in EventsAsync($"/api/orders/{order}/updates", cancellationToken))
        {
            if (item.EventType != "ping")
            {
                yield return item.Data;
            }
        }
    }

    /// <summary>
    /// Inventory's stock changes as they happen: a "ping" first, once the stream is open (changes before
    /// it are not replayed, so that is when a screen should read its figures again), then a "stock"
    /// event with the SKUs of each change, and a "ping" every 15 s.
    /// </summary>
    public IAsyncEnumerable<SseItem<string>> StockChangesAsync(CancellationToken cancellationToken) =>
        EventsAsync("/api/inventory/updates", cancellationToken);

    /// <summary>The person's inbox (unread count and newest notifications) when the stream opens and each time it changes.</summary>
    public async IAsyncEnumerable<InboxPage> InboxAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in EventsAsync("/api/notifications/inbox/updates", cancellationToken))
        {
            if (item.EventType == "inbox")
            {
                yield return JsonSerializer.Deserialize<InboxPage>(item.Data, Json)!;
            }
        }
    }

    private async IAsyncEnumerable<SseItem<string>> EventsAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.AccessTokenAsync(user, cancellationToken));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiProblem.ReadAsync(response, cancellationToken);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            yield return item;
        }
    }
}
