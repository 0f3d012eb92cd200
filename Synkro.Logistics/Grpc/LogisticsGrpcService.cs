using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Synkro.Logistics.Customers;
using Synkro.Logistics.Data;
using Synkro.Logistics.Fulfilment;
using Synkro.Logistics.Orders;
using Synkro.Logistics.Payments;
using Synkro.Logistics.Security;
using Synkro.Logistics.Stock;
using Synkro.ServiceDefaults.Grpc;
using Wolverine.EntityFrameworkCore;
using Proto = Synkro.Protos.Logistics.V1;

namespace Synkro.Logistics.Grpc;

/// <summary>
/// The design's Logistics Engine gRPC methods. Each reads its message into the REST contract, runs
/// the same validation and calls the same handler as the REST endpoint, with the same policy; the
/// stream is the same history-table feed as the server-sent events.
/// </summary>
internal sealed class LogisticsGrpcService(
    IDbContextOutbox<LogisticsDbContext> outbox,
    CustomerAccounts accounts,
    InventoryStock stock,
    IPaymentProvider payments,
    OrderWorkflow workflow,
    TimeProvider clock,
    IServiceScopeFactory scopes,
    GrpcValidation validation) : Proto.LogisticsService.LogisticsServiceBase
{
    // The REST handler whose parameter attributes (limit) ListOrders checks against.
    private static readonly System.Reflection.MethodInfo ListHandler = typeof(OrderQueries).GetMethod(nameof(OrderQueries.ListAsync))!;

    [Authorize(Policy = LogisticsPolicies.PlaceOrders)]
    public override async Task<Proto.OrderResponse> CreateOrder(Proto.CreateOrderRequest request, ServerCallContext context)
    {
        var errors = new Dictionary<string, string[]>();
        var customerId = Id(request.CustomerId, "customer_id", errors);
        if (errors.Count > 0)
        {
            throw GrpcProblems.Invalid(errors);
        }

        var shipping = request.Shipping ?? new Proto.ShippingAddress();
        var create = new CreateOrderRequest(
            [.. request.Lines.Select(l => new OrderLineRequest(Blank(l.Sku), l.Quantity))],
            new PaymentRequest(Blank(request.CardNumber)),
            new ShippingRequest(Blank(shipping.Recipient), Blank(shipping.Line1), Blank(shipping.PostalCode), Blank(shipping.City), Blank(shipping.Country), Blank(shipping.Line2), Blank(shipping.Method)),
            customerId,
            Blank(request.Notes));
        await validation.ValidateAsync(create, context.CancellationToken);
        var result = await OrderPlacement.PlaceAsync(create, Blank(request.RequestId), outbox, accounts, stock, payments, clock, context.GetHttpContext().User, context.CancellationToken);
        return Response(GrpcProblems.ValueOf<OrderResponse>(result.Result));
    }

    [Authorize(Policy = LogisticsPolicies.ReadOrders)]
    public override async Task<Proto.OrderResponse> GetOrder(Proto.GetOrderRequest request, ServerCallContext context)
    {
        var result = await OrdersApi.GetAsync(RequiredId(request.OrderId), outbox.DbContext, accounts, context.GetHttpContext().User, context.CancellationToken);
        return Response(GrpcProblems.ValueOf<OrderResponse>(result.Result));
    }

    [Authorize(Policy = LogisticsPolicies.ManageOrders)]
    public override async Task<Proto.OrderResponse> UpdateOrderStatus(Proto.UpdateOrderStatusRequest request, ServerCallContext context)
    {
        var update = new UpdateOrderStatusRequest(request.Status == Proto.OrderStatus.Unspecified ? null : Domain(request.Status), Blank(request.Notes));
        await validation.ValidateAsync(update, context.CancellationToken);
        var result = await OrdersApi.UpdateStatusAsync(RequiredId(request.OrderId), update, outbox, workflow, accounts, context.GetHttpContext().User, context.CancellationToken);
        return Response(GrpcProblems.ValueOf<OrderResponse>(result.Result));
    }

    [Authorize(Policy = LogisticsPolicies.ReadOrders)]
    public override async Task<Proto.ListOrdersResponse> ListOrders(Proto.ListOrdersRequest request, ServerCallContext context)
    {
        var limit = request.Limit == 0 ? 50 : request.Limit;
        GrpcValidation.ValidateArguments(ListHandler, new Dictionary<string, object?> { ["limit"] = limit });
        var errors = new Dictionary<string, string[]>();
        var customerId = Id(request.CustomerId, "customer_id", errors);
        if (errors.Count > 0)
        {
            throw GrpcProblems.Invalid(errors);
        }

        var page = await OrderQueries.ListAsync(outbox.DbContext, accounts, context.GetHttpContext().User, context.CancellationToken,
            request.Status == Proto.OrderStatus.Unspecified ? null : Domain(request.Status), customerId, limit: limit);
        return new Proto.ListOrdersResponse { Orders = { page.Value!.Items.Select(o => new Proto.Order
        {
            Id = o.Id.ToString(), CustomerId = o.CustomerId.ToString(), Status = ToProto(o.Status), TotalAmount = Amount(o.TotalAmount), Currency = o.Currency,
            CreatedAt = Timestamp.FromDateTimeOffset(o.CreatedAt), UpdatedAt = Timestamp.FromDateTimeOffset(o.UpdatedAt),
        }) } };
    }

    [Authorize(Policy = LogisticsPolicies.ReadOrders)]
    public override async Task StreamOrderUpdates(Proto.StreamOrderUpdatesRequest request, IServerStreamWriter<Proto.OrderStatusEvent> responseStream, ServerCallContext context)
    {
        Guid? order = string.IsNullOrEmpty(request.OrderId) ? null : RequiredId(request.OrderId);
        var scope = await OrderUpdates.ScopeAsync(order, request.AfterSequence == 0 ? null : request.AfterSequence, outbox.DbContext, accounts, context.GetHttpContext().User, context.CancellationToken)
            ?? throw GrpcProblems.From(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Order not found", Detail = $"There is no order '{order}'." });
        await foreach (var change in OrderUpdates.ChangesAsync(scopes, scope, context.CancellationToken))
        {
            if (change is null)
            {
                continue; // HTTP/2 keeps the stream alive itself
            }

            await responseStream.WriteAsync(new Proto.OrderStatusEvent
            {
                Sequence = change.Sequence, OrderId = change.OrderId.ToString(), From = change.From is { } from ? ToProto(from) : Proto.OrderStatus.Unspecified,
                To = ToProto(change.To), Notes = change.Notes ?? "", ChangedBy = change.ChangedBy, At = Timestamp.FromDateTimeOffset(change.At),
            }, context.CancellationToken);
        }
    }

    private static Proto.OrderResponse Response(OrderResponse order) => new()
    {
        Order = new Proto.Order
        {
            Id = order.Id.ToString(),
            CustomerId = order.CustomerId.ToString(),
            Status = ToProto(order.Status),
            TotalAmount = Amount(order.TotalAmount),
            Currency = order.Currency,
            TrackingNumber = order.TrackingNumber ?? "",
            PaymentStatus = order.Payment?.Status.ToString() ?? "",
            Lines = { order.Lines.Select(l => new Proto.OrderLine { Sku = l.Sku, Quantity = l.Quantity, Name = l.Name, UnitPrice = Amount(l.UnitPrice) }) },
            CreatedAt = Timestamp.FromDateTimeOffset(order.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(order.UpdatedAt),
        },
    };

    // The proto enum is the domain's shifted by one: 0 is proto3's "unspecified".
    private static Proto.OrderStatus ToProto(OrderStatus status) => (Proto.OrderStatus)((int)status + 1);

    private static OrderStatus Domain(Proto.OrderStatus status) => (OrderStatus)((int)status - 1);

    private static string Amount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static string? Blank(string value) => string.IsNullOrEmpty(value) ? null : value;

    private static Guid? Id(string value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        errors[field] = ["must be a UUID."];
        return null;
    }

    private static Guid RequiredId(string value) =>
        Guid.TryParse(value, out var id) ? id : throw GrpcProblems.Invalid(new Dictionary<string, string[]> { ["order_id"] = ["must be a UUID."] });
}
