using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Customers;
using Synkro.Logistics.Data;
using Synkro.Logistics.Fulfilment;
using Synkro.Logistics.Http;
using Synkro.Logistics.Security;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Logistics.Orders;

/// <summary>
/// Orders over REST: placing one (the process then runs by itself: payment, stock, confirmation or
/// backorder), reading them, and the staff actions that move them on (ship, deliver, cancel).
/// Customers see and cancel only their own orders; anyone else's is 404 to them.
/// </summary>
public static class OrdersApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders");
        orders.MapPost("", OrderPlacement.PlaceAsync).RequireAuthorization(LogisticsPolicies.PlaceOrders).WithName("CreateOrder")
            .WithDescription("Takes the order (201, status Created) and starts its process: payment, then stock. Requires an Idempotency-Key: a replay answers the same order. Sandbox cards: 4242424242424242 approves, 4000000000000002 declines, 4000000000009995 has insufficient funds.")
            .WithRequestExample(new CreateOrderRequest(
                [new("WIDGET-BLUE", 2), new("BOLT-M6", 50)],
                new("4242424242424242"),
                new("Ada Lovelace", "12 St James's Square", "SW1Y 4JH", "London", "GB", Method: "express"),
                Notes: "Leave at reception"));
        orders.MapGet("", OrderQueries.ListAsync).RequireAuthorization(LogisticsPolicies.ReadOrders).WithName("ListOrders");
        orders.MapGet("/{id:guid}", GetAsync).RequireAuthorization(LogisticsPolicies.ReadOrders).WithName("GetOrder");
        orders.MapGet("/{id:guid}/history", HistoryAsync).RequireAuthorization(LogisticsPolicies.ReadOrders).WithName("GetOrderHistory");
        orders.MapPost("/{id:guid}/ship", ShipAsync).RequireAuthorization(LogisticsPolicies.ManageOrders).WithName("ShipOrder")
            .WithDescription("Confirmed to Shipped: the allocated stock is committed in Inventory and the carrier books the parcel.")
            .WithRequestExample(new OrderActionRequest("Two parcels, packed by Jo"));
        orders.MapPost("/{id:guid}/deliver", DeliverAsync).RequireAuthorization(LogisticsPolicies.ManageOrders).WithName("DeliverOrder")
            .WithRequestExample(new OrderActionRequest("Signed for by the recipient"));
        orders.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(LogisticsPolicies.PlaceOrders).WithName("CancelOrder")
            .WithDescription("Releases the order's stock and refunds a captured payment. Customers may cancel their own order while it is Created or BackOrdered.")
            .WithRequestExample(new CancelOrderRequest("The customer found it cheaper elsewhere"));
        orders.MapPut("/{id:guid}/status", UpdateStatusAsync).RequireAuthorization(LogisticsPolicies.ManageOrders).WithName("UpdateOrderStatus")
            .WithDescription("The design's UpdateOrderStatus: Shipped, Delivered or Cancelled, as the actions above. The other states are the process's own.")
            .WithRequestExample(new UpdateOrderStatusRequest(OrderStatus.Shipped, "Collected by the carrier at 16:00"));
        orders.MapOrderUpdates();
        return app;
    }

    internal static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetAsync(Guid id, LogisticsDbContext db, CustomerAccounts accounts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await VisibleAsync(id, db, accounts, user, cancellationToken) is { } order ? TypedResults.Ok(OrderResponse.From(order)) : Problems.NotFound("Order", id);

    private static async Task<Results<Ok<List<StatusChangeResponse>>, ProblemHttpResult>> HistoryAsync(Guid id, LogisticsDbContext db, CustomerAccounts accounts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, db, accounts, user, cancellationToken) is null)
        {
            return Problems.NotFound("Order", id);
        }

        return TypedResults.Ok(await db.OrderHistory.AsNoTracking().Where(h => h.OrderId == id).OrderBy(h => h.Id)
            .Select(h => StatusChangeResponse.Of(h)).ToListAsync(cancellationToken));
    }

    private static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ShipAsync(
        Guid id, [FromBody] OrderActionRequest? body, IDbContextOutbox<LogisticsDbContext> outbox, OrderWorkflow workflow, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(id, outbox, (order, messages) => workflow.ShipAsync(order, user.Actor(), body?.Notes, messages, cancellationToken), cancellationToken);

    private static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> DeliverAsync(
        Guid id, [FromBody] OrderActionRequest? body, IDbContextOutbox<LogisticsDbContext> outbox, OrderWorkflow workflow, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(id, outbox, (order, messages) =>
        {
            workflow.Deliver(order, user.Actor(), body?.Notes, messages);
            return Task.CompletedTask;
        }, cancellationToken);

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> CancelAsync(
        Guid id, [FromBody] CancelOrderRequest? body, IDbContextOutbox<LogisticsDbContext> outbox, OrderWorkflow workflow, CustomerAccounts accounts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.IsCustomer() && await VisibleAsync(id, outbox.DbContext, accounts, user, cancellationToken) is null)
        {
            return Problems.NotFound("Order", id);
        }

        return await ActAsync(id, outbox, async (order, messages) =>
        {
            if (order.Status == OrderStatus.Processing || (user.IsCustomer() && order.Status is not (OrderStatus.Created or OrderStatus.BackOrdered)))
            {
                // Processing: the payment is in flight, and the process itself cancels if it fails.
                throw new IllegalTransition(order.Id, order.Status, OrderStatus.Cancelled);
            }

            await workflow.CancelAsync(order, user.Actor(), body?.Reason ?? $"cancelled by {user.Actor()}", messages, cancellationToken);
        }, cancellationToken);
    }

    internal static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> UpdateStatusAsync(
        Guid id, UpdateOrderStatusRequest body, IDbContextOutbox<LogisticsDbContext> outbox, OrderWorkflow workflow, CustomerAccounts accounts, ClaimsPrincipal user, CancellationToken cancellationToken) => body.Status switch
        {
            OrderStatus.Shipped => ShipAsync(id, new OrderActionRequest(body.Notes), outbox, workflow, user, cancellationToken),
            OrderStatus.Delivered => DeliverAsync(id, new OrderActionRequest(body.Notes), outbox, workflow, user, cancellationToken),
            OrderStatus.Cancelled => CancelAsync(id, new CancelOrderRequest(body.Notes), outbox, workflow, accounts, user, cancellationToken),
            _ => Task.FromResult<Results<Ok<OrderResponse>, ProblemHttpResult>>(TypedResults.Problem(
                $"{body.Status} is reached by the order process itself (payment, stock); set Shipped, Delivered or Cancelled.",
                statusCode: StatusCodes.Status409Conflict, title: "Not a staff action")),
        };

    /// <summary>One staff action on one order, in a transaction with what it sends.</summary>
    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ActAsync(
        Guid id, IDbContextOutbox<LogisticsDbContext> outbox, Func<Order, OrderMessages, Task> act, CancellationToken cancellationToken)
    {
        if (await outbox.DbContext.LoadOrderAsync(id, cancellationToken) is not { } order)
        {
            return Problems.NotFound("Order", id);
        }

        var messages = new OrderMessages();
        await act(order, messages);
        await messages.StageAsync(outbox);
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        return TypedResults.Ok(OrderResponse.From(order));
    }

    /// <summary>The order, if this caller may see it: staff see all, a customer only their own.</summary>
    internal static async Task<Order?> VisibleAsync(Guid id, LogisticsDbContext db, CustomerAccounts accounts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Payment).Include(o => o.Shipment).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null || !user.IsCustomer())
        {
            return order;
        }

        return await accounts.FindIdAsync(user, cancellationToken) == order.CustomerId ? order : null;
    }
}
