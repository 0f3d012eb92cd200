using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Synkro.Protos.Logistics.V1;
using Synkro.Security;
using Synkro.Tests.Integration.Inventory;
using static Synkro.Tests.Integration.Orders.OrdersClient;

namespace Synkro.Tests.Integration.Orders;

/// <summary>Logistics' gRPC API, as another service calls it (h2c on its "grpc" endpoint): the same orders, rules and errors as REST.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Orders")]
public sealed class OrderGrpcTests : InventoryScenario
{
    [Test]
    public async Task A_grpc_client_places_an_order_and_streams_every_transition_in_order()
    {
        using var channel = GrpcChannel.ForAddress(SystemFixture.App.GetEndpoint(ResourceNames.Logistics, "grpc"));
        var client = new LogisticsService.LogisticsServiceClient(channel);
        var clerk = await TokenAsync(Roles.Clerk);
        var headers = new Metadata { { "Authorization", $"Bearer {clerk}" } };
        var customer = await CreateCustomerAsync(clerk);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 2);

        var request = new CreateOrderRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CustomerId = customer.ToString(),
            Lines = { new OrderLine { Sku = sku, Quantity = 2 } },
            CardNumber = Approves,
            Shipping = new ShippingAddress { Recipient = "Ada Lovelace", Line1 = "1 Analytical Way", PostalCode = "10115", City = "Berlin", Country = "DE" },
        };
        var order = (await client.CreateOrderAsync(request, headers)).Order;
        Assert.That((order.Status, order.Lines.Single().Name), Is.EqualTo((OrderStatus.Created, $"Item {sku}")));
        Assert.That((await client.CreateOrderAsync(request, headers)).Order.Id, Is.EqualTo(order.Id), "the request id places it once");

        using var stream = client.StreamOrderUpdates(new StreamOrderUpdatesRequest { OrderId = order.Id }, headers);
        var reading = Task.Run(async () =>
        {
            var seen = new List<OrderStatusEvent>();
            await foreach (var change in stream.ResponseStream.ReadAllAsync())
            {
                seen.Add(change);
            }

            return seen;
        });
        await WaitForAsync(clerk, Guid.Parse(order.Id), "Confirmed");
        var early = Assert.ThrowsAsync<RpcException>(async () => await client.UpdateOrderStatusAsync(new UpdateOrderStatusRequest { OrderId = order.Id, Status = OrderStatus.Delivered }, headers))!;
        Assert.That((early.StatusCode, early.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason), Is.EqualTo((StatusCode.FailedPrecondition, "ILLEGAL_STATUS_TRANSITION")));
        await client.UpdateOrderStatusAsync(new UpdateOrderStatusRequest { OrderId = order.Id, Status = OrderStatus.Shipped }, headers);
        var delivered = (await client.UpdateOrderStatusAsync(new UpdateOrderStatusRequest { OrderId = order.Id, Status = OrderStatus.Delivered, Notes = "signed by A. L." }, headers)).Order;
        Assert.That(delivered.TrackingNumber, Does.StartWith("SBX"));

        var events = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(events.Select(e => e.To), Is.EqualTo(new[]
        {
            OrderStatus.Created, OrderStatus.Processing, OrderStatus.ReservingStock, OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Delivered,
        }));
        Assert.That(events.Select(e => e.Sequence), Is.Ordered.Ascending);
        Assert.That(events.Last().Notes, Is.EqualTo("signed by A. L."));

        var listed = await client.ListOrdersAsync(new ListOrdersRequest { CustomerId = customer.ToString() }, headers);
        Assert.That(listed.Orders.Select(o => o.Id), Is.EqualTo(new[] { order.Id }));
    }

    [Test]
    public async Task Over_grpc_a_customer_cannot_see_another_customers_order()
    {
        using var channel = GrpcChannel.ForAddress(SystemFixture.App.GetEndpoint(ResourceNames.Logistics, "grpc"));
        var client = new LogisticsService.LogisticsServiceClient(channel);
        var (sku, _) = await StockedItemAsync(Inventory, onHand: 1);
        var alice = (await SystemFixture.Accounts.CreateAsync(Roles.Customer)).AccessToken;
        var bob = (await SystemFixture.Accounts.CreateAsync(Roles.Customer)).AccessToken;
        var id = await PlacedAsync(alice, null, (sku, 1));

        var own = await client.GetOrderAsync(new GetOrderRequest { OrderId = id.ToString() }, new Metadata { { "Authorization", $"Bearer {alice}" } });
        Assert.That(own.Order.Id, Is.EqualTo(id.ToString()));
        var other = Assert.ThrowsAsync<RpcException>(async () => await client.GetOrderAsync(new GetOrderRequest { OrderId = id.ToString() }, new Metadata { { "Authorization", $"Bearer {bob}" } }))!;
        Assert.That(other.StatusCode, Is.EqualTo(StatusCode.NotFound));
        var stream = client.StreamOrderUpdates(new StreamOrderUpdatesRequest { OrderId = id.ToString() }, new Metadata { { "Authorization", $"Bearer {bob}" } });
        var streamed = Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.MoveNext())!;
        Assert.That(streamed.StatusCode, Is.EqualTo(StatusCode.NotFound));
    }
}
