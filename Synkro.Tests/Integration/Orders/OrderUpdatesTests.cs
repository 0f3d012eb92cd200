using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;
using static Synkro.Tests.Integration.Orders.OrdersClient;

namespace Synkro.Tests.Integration.Orders;

/// <summary>Order updates as server-sent events through the gateway: every transition, in order, and only the caller's.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Orders")]
public sealed class OrderUpdatesTests : InventoryScenario
{
    [Test]
    public async Task An_sse_client_sees_every_transition_of_an_order_in_order()
    {
        var clerk = await TokenAsync(Roles.Clerk);
        var customer = await CreateCustomerAsync(clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 3);
        var id = await PlacedAsync(clerk, customer, (sku, 1));

        // Subscribed while the process runs; ship and deliver come after. The stream ends at Delivered.
        using var stream = await OpenAsync($"/api/orders/{id}/updates", clerk);
        var reading = ReadAsync(stream, until: e => e.GetProperty("to").GetString() == "Delivered");
        await WaitForAsync(clerk, id, "Confirmed");
        await ActAsync(clerk, id, "ship");
        await ActAsync(clerk, id, "deliver");

        var events = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(events.Select(e => e.GetProperty("to").GetString()), Is.EqualTo(new[] { "Created", "Processing", "ReservingStock", "Confirmed", "Shipped", "Delivered" }));
        var sequences = events.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.That(sequences, Is.Ordered.Ascending.And.Unique);

        // Resuming with Last-Event-ID sends only what came after it.
        using var resumed = await OpenAsync($"/api/orders/{id}/updates", clerk, lastEventId: sequences[3]);
        var rest = await ReadAsync(resumed, until: e => e.GetProperty("to").GetString() == "Delivered").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(rest.Select(e => e.GetProperty("to").GetString()), Is.EqualTo(new[] { "Shipped", "Delivered" }));
    }

    [Test]
    public async Task A_customer_streams_only_their_own_orders()
    {
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 5);
        var alice = (await SystemFixture.Accounts.CreateAsync(Roles.Customer)).AccessToken;
        var bob = (await SystemFixture.Accounts.CreateAsync(Roles.Customer)).AccessToken;
        // Bob becomes a customer with a first order, settled before he subscribes.
        await WaitForAsync(bob, await PlacedAsync(bob, null, (sku, 1)), "Confirmed");

        using var bobStream = await OpenAsync("/api/orders/updates", bob);
        var bobReads = ReadAsync(bobStream, until: e => e.GetProperty("to").GetString() == "Confirmed");
        var alicesOrder = await PlacedAsync(alice, null, (sku, 1));
        var bobsOrder = await PlacedAsync(bob, null, (sku, 1));

        var seen = await bobReads.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(seen.Select(e => e.GetProperty("orderId").GetGuid()).Distinct(), Is.EqualTo(new[] { bobsOrder }), "only bob's order, never alice's");
        using var forbidden = await Edge.GetAsync($"/api/orders/{alicesOrder}/updates", bob);
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static async Task<HttpResponseMessage> OpenAsync(string path, string token, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString());
        }

        var response = await Edge.Shared.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        return response;
    }

    /// <summary>The status events, until one matches <paramref name="until"/> or the stream ends.</summary>
    private static async Task<List<JsonElement>> ReadAsync(HttpResponseMessage response, Func<JsonElement, bool> until)
    {
        var events = new List<JsonElement>();
        await using var body = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(body).EnumerateAsync())
        {
            if (item.EventType != "status")
            {
                continue;
            }

            var change = JsonDocument.Parse(item.Data).RootElement.Clone();
            events.Add(change);
            if (until(change))
            {
                break;
            }
        }

        return events;
    }
}
