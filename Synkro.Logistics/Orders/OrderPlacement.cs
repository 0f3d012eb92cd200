using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Synkro.Logistics.Customers;
using Synkro.Logistics.Data;
using Synkro.Logistics.Fulfilment;
using Synkro.Logistics.Http;
using Synkro.Logistics.Payments;
using Synkro.Logistics.Security;
using Synkro.Logistics.Shipping;
using Synkro.Logistics.Stock;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Logistics.Orders;

/// <summary>
/// CreateOrder: checks the lines against Inventory's catalogue (names and prices are the catalogue's),
/// tokenizes the card, and saves the order with its first step (ChargeOrder) and OrderCreated in one
/// transaction. The Idempotency-Key makes a retried request answer the order it made.
/// </summary>
internal static class OrderPlacement
{
    public const int IdempotencyKeyMaxLength = 200;

    public static async Task<Results<Created<OrderResponse>, Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> PlaceAsync(
        CreateOrderRequest request,
        [FromHeader(Name = OrdersApi.IdempotencyKeyHeader)] string? idempotencyKey,
        IDbContextOutbox<LogisticsDbContext> outbox,
        CustomerAccounts accounts,
        InventoryStock stock,
        IPaymentProvider payments,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyKeyMaxLength)
        {
            return Problems.Invalid(OrdersApi.IdempotencyKeyHeader, $"An {OrdersApi.IdempotencyKeyHeader} header of 1 to {IdempotencyKeyMaxLength} characters is required, so that a retry places the order once.");
        }

        var db = outbox.DbContext;
        var actor = user.Actor();
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request));
        if (await ReplayAsync(db, actor, idempotencyKey, hash, cancellationToken) is { } replay)
        {
            return replay;
        }

        Guid customerId;
        if (user.IsCustomer())
        {
            customerId = (await accounts.OwnAsync(user, cancellationToken)).Id;
        }
        else if (request.CustomerId is { } named && await db.Customers.AnyAsync(c => c.Id == named, cancellationToken))
        {
            customerId = named;
        }
        else
        {
            return Problems.Invalid("customerId", request.CustomerId is null ? "Staff name the customer the order is for." : $"There is no customer '{request.CustomerId}'.");
        }

        var items = await stock.ItemsAsync(request.Lines!.Select(l => l.Sku!), cancellationToken);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < request.Lines!.Count; i++)
        {
            var sku = request.Lines[i].Sku!;
            var problem = items[sku] switch
            {
                null => $"There is no item with SKU '{sku}'.",
                { ArchivedAt: not null } => $"Item '{sku}' is no longer sold.",
                { Price: null } => $"Item '{sku}' has no price, so it cannot be ordered.",
                _ => null,
            };
            if (problem is not null)
            {
                errors[$"lines[{i}].sku"] = [problem];
            }
        }

        var currencies = items.Values.Where(i => i?.Price is not null).Select(i => i!.Price.Currency).Distinct().ToList();
        if (errors.Count == 0 && currencies.Count > 1)
        {
            errors["lines"] = [$"The items are priced in {string.Join(" and ", currencies)}; one order is paid in one currency."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var card = await payments.TokenizeAsync(request.Payment!.CardNumber!, cancellationToken);
        var now = clock.GetUtcNow();
        var lines = request.Lines.Select(l => new OrderLine
        {
            Sku = l.Sku!,
            Name = items[l.Sku!]!.Name,
            Quantity = l.Quantity,
            UnitPrice = decimal.Parse(items[l.Sku!]!.Price.Amount, System.Globalization.CultureInfo.InvariantCulture),
        });
        var order = Order.Create(customerId, currencies.Single(), lines, request.Notes, actor, now);
        order.IdempotencyKey = idempotencyKey;
        order.RequestHash = hash;
        order.Payment = new Payment { OrderId = order.Id, CardToken = card.Token, CardLast4 = card.Last4, Amount = order.TotalAmount, Currency = order.Currency };
        var shipping = request.Shipping!;
        order.Shipment = new Shipment
        {
            OrderId = order.Id,
            Address = new ShippingAddress(shipping.Recipient!, shipping.Line1!, shipping.Line2, shipping.PostalCode!, shipping.City!, shipping.Country!),
            Method = shipping.Method ?? "standard",
        };
        db.Orders.Add(order);

        await outbox.PublishAsync(new OrderCreated(order.Id, customerId, order.TotalAmount, order.Currency, [.. order.Lines.Select(l => new OrderedLine(l.Sku, l.Quantity, l.UnitPrice))]));
        await outbox.PublishAsync(new OrderStatusChanged(order.Id, customerId, null, nameof(OrderStatus.Created), actor, null));
        await outbox.PublishAsync(new ChargeOrder(order.Id));
        try
        {
            await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same key at the same moment: the other request placed it.
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, actor, idempotencyKey, hash, cancellationToken) ?? throw new InvalidOperationException("The order of a duplicate key vanished.");
        }

        return TypedResults.Created($"/api/orders/{order.Id}", OrderResponse.From(order));
    }

    private static async Task<Results<Created<OrderResponse>, Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>?> ReplayAsync(
        LogisticsDbContext db, string actor, string key, byte[] hash, CancellationToken cancellationToken)
    {
        var first = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Payment).Include(o => o.Shipment)
            .SingleOrDefaultAsync(o => o.CreatedBy == actor && o.IdempotencyKey == key, cancellationToken);
        if (first is null)
        {
            return null;
        }

        return first.RequestHash!.AsSpan().SequenceEqual(hash)
            ? TypedResults.Ok(OrderResponse.From(first))
            : TypedResults.Problem($"This {OrdersApi.IdempotencyKeyHeader} was first used with a different order; use a new key for a new order.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused");
    }
}
