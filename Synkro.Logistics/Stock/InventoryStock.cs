using Google.Rpc;
using Grpc.Core;
using Synkro.Logistics.Orders;
using Synkro.Protos.Inventory.V1;
using Synkro.Security;

namespace Synkro.Logistics.Stock;

/// <summary>
/// Inventory, as the order process uses it: over gRPC (h2c, found as <c>http://_grpc.inventory</c>),
/// with logistics' own identity, since the steps run with no user behind them. Every call is
/// idempotent (keyed by order and attempt, or by reservation), so each carries an Idempotency-Key
/// header and the standard resilience handler may repeat it.
/// </summary>
public sealed class InventoryStock(InventoryService.InventoryServiceClient inventory, ServiceTokens tokens)
{
    public async Task<ReserveOutcome> ReserveAsync(Order order, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var key = $"{order.Id}:{order.ReservationAttempts}";
        var request = new StockReservationRequest { OrderId = order.Id.ToString(), RequestId = key, TtlSeconds = (int)ttl.TotalSeconds };
        request.Lines.AddRange(order.Lines.Select(l => new StockLine { Sku = l.Sku, Quantity = l.Quantity }));
        try
        {
            var reserved = await inventory.CheckAndReserveStockAsync(request, await HeadersAsync(key, cancellationToken), cancellationToken: cancellationToken);
            return new ReserveOutcome(Guid.Parse(reserved.Reservation.Id), []);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition && e.GetRpcStatus()?.GetDetail<InsufficientStock>() is { } insufficient)
        {
            return new ReserveOutcome(null, [.. insufficient.Shortages.Select(s => $"{s.Sku} (ordered {s.Requested}, available {s.Available})")]);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            // An item left the catalogue after the order was taken: it cannot be served until it returns.
            return new ReserveOutcome(null, [e.Status.Detail]);
        }
    }

    /// <summary>Makes the hold the order's allocation, which does not expire; false if the hold expired first.</summary>
    public async Task<bool> AllocateAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        try
        {
            await inventory.AllocateInventoryAsync(new AllocateInventoryRequest { ReservationId = reservationId.ToString() }, await HeadersAsync($"allocate:{reservationId}", cancellationToken), cancellationToken: cancellationToken);
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition && e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason == "RESERVATION_EXPIRED")
        {
            return false;
        }
    }

    public async Task CommitAsync(Guid reservationId, CancellationToken cancellationToken) =>
        await inventory.CommitReservationAsync(new CommitReservationRequest { ReservationId = reservationId.ToString() }, await HeadersAsync($"commit:{reservationId}", cancellationToken), cancellationToken: cancellationToken);

    /// <summary>Gives up a confirmed order's allocation; one released already is fine.</summary>
    public async Task ReleaseAllocationAsync(Guid reservationId, CancellationToken cancellationToken) =>
        await inventory.ReleaseInventoryAsync(new ReleaseInventoryRequest { ReservationId = reservationId.ToString() }, await HeadersAsync($"release:{reservationId}", cancellationToken), cancellationToken: cancellationToken);

    /// <summary>Names and prices of what is ordered, from the catalogue; null for a SKU it does not have.</summary>
    public async Task<IReadOnlyDictionary<string, Item?>> ItemsAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var headers = await HeadersAsync("read", cancellationToken); // reads are safe to repeat
        var found = await Task.WhenAll(skus.Distinct(StringComparer.Ordinal).Select(async sku =>
        {
            try
            {
                return (sku, (await inventory.GetItemAsync(new GetItemRequest { Sku = sku }, headers, cancellationToken: cancellationToken)).Item);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return (sku, (Item?)null);
            }
        }));
        return found.ToDictionary(f => f.sku, f => f.Item2, StringComparer.Ordinal);
    }

    private async Task<Metadata> HeadersAsync(string? idempotencyKey, CancellationToken cancellationToken)
    {
        var headers = new Metadata { { "Authorization", $"Bearer {await tokens.GetAsync(cancellationToken)}" } };
        if (idempotencyKey is not null)
        {
            headers.Add("Idempotency-Key", idempotencyKey);
        }

        return headers;
    }
}

/// <summary>Held (with the reservation), or not, with what was short.</summary>
public sealed record ReserveOutcome(Guid? ReservationId, IReadOnlyList<string> Shortages);
