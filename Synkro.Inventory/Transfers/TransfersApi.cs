using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Items;
using Synkro.Inventory.Security;
using Synkro.Inventory.Stock;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Transfers;

public static class TransfersApi
{
    public static RouteGroupBuilder MapTransfersApi(this RouteGroupBuilder api)
    {
        var transfers = api.MapGroup("/transfers").WithTags("Transfers");
        transfers.MapPost("", ShipAsync).RequireAuthorization(InventoryPolicies.MoveStock).WithName("ShipTransfer");
        transfers.MapGet("", ListAsync).RequireAuthorization(InventoryPolicies.Read).WithName("ListTransfers")
            .WithDescription("An item's transfers, newest first; status narrows them (InTransit: those still to receive).");
        transfers.MapGet("/{id:guid}", GetAsync).RequireAuthorization(InventoryPolicies.Read).WithName("GetTransfer");
        transfers.MapPost("/{id:guid}/receive", ReceiveAsync).RequireAuthorization(InventoryPolicies.MoveStock).WithName("ReceiveTransfer");
        transfers.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(InventoryPolicies.MoveStock).WithName("CancelTransfer");
        return api;
    }

    private static async Task<Results<Created<TransferResponse>, ValidationProblem>> ShipAsync(
        ShipTransferRequest request, InventoryDbContext db, StockLedger ledger, IEventOutbox outbox, InventoryCache cache, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (sku, from, to) = (request.Sku!, request.FromWarehouseId!.Value, request.ToWarehouseId!.Value);
        var result = await db.InTransactionAsync<Results<Created<TransferResponse>, ValidationProblem>>(outbox, async ct =>
        {
            var itemId = await db.Items.Where(i => i.Sku == sku && i.ArchivedAt == null).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);
            if (itemId is null)
            {
                return Problems.Invalid(nameof(request.Sku), $"There is no item with SKU '{sku}'.");
            }

            var known = await db.Warehouses.Where(w => w.Id == from || w.Id == to).Select(w => w.Id).ToListAsync(ct);
            if (!known.Contains(from) || !known.Contains(to))
            {
                return Problems.Invalid(known.Contains(from) ? nameof(request.ToWarehouseId) : nameof(request.FromWarehouseId), "There is no such warehouse.");
            }

            var transfer = new Transfer
            {
                ItemId = itemId.Value, Sku = sku, FromWarehouseId = from, ToWarehouseId = to, Quantity = request.Quantity,
                Note = request.Note, ShippedBy = user.Actor(), ShippedAt = clock.GetUtcNow(),
            };
            db.Transfers.Add(transfer);
            var levels = await ledger.LockAsync([(itemId.Value, from), (itemId.Value, to)], createMissing: true, ct);
            ledger.Apply(levels[(itemId.Value, from)], new StockChange(itemId.Value, from, MovementType.TransferOut, OnHand: -request.Quantity, Note: request.Note, TransferId: transfer.Id), transfer.ShippedBy);
            ledger.Apply(levels[(itemId.Value, to)], new StockChange(itemId.Value, to, MovementType.TransferIncoming, Incoming: request.Quantity, Note: request.Note, TransferId: transfer.Id), transfer.ShippedBy);
            outbox.Add(new TransferShipped(transfer.Id, sku, from, to, request.Quantity));
            return TypedResults.Created($"/api/inventory/transfers/{transfer.Id}", TransferResponse.From(transfer));
        }, cancellationToken);
        await cache.InvalidateAsync([InventoryCache.LevelsKey(sku)]);
        return result;
    }

    private static async Task<Ok<List<TransferResponse>>> ListAsync(
        InventoryDbContext db,
        CancellationToken cancellationToken,
        [Required, StringLength(ItemRules.SkuMaxLength)] string sku,
        TransferStatus? status = null,
        [Range(1, 200)] int limit = 50)
    {
        var transfers = db.Transfers.AsNoTracking().Where(t => t.Sku == sku);
        transfers = status is { } wanted ? transfers.Where(t => t.Status == wanted) : transfers;
        var page = await transfers.OrderByDescending(t => t.ShippedAt).Take(limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.Select(TransferResponse.From).ToList());
    }

    private static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> GetAsync(Guid id, InventoryDbContext db, CancellationToken cancellationToken) =>
        await db.Transfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken) is { } transfer
            ? TypedResults.Ok(TransferResponse.From(transfer))
            : Problems.NotFound("Transfer", id);

    private static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> ReceiveAsync(
        Guid id, ReceiveTransferRequest request, InventoryDbContext db, StockLedger ledger, IEventOutbox outbox, InventoryCache cache, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await db.InTransactionAsync<(Results<Ok<TransferResponse>, ProblemHttpResult>, string?)>(outbox, async ct =>
        {
            var transfer = await LockAsync(db, id, ct);
            switch (transfer?.Status)
            {
                case null:
                    return (Problems.NotFound("Transfer", id), null);
                case TransferStatus.Received when transfer.ReceivedQuantity == request.ReceivedQuantity:
                    return (TypedResults.Ok(TransferResponse.From(transfer)), null);
                case TransferStatus.Received or TransferStatus.Cancelled:
                    return (Problems.Conflict($"Transfer {transfer.Status.ToString().ToLowerInvariant()}", $"Transfer {id} is already {transfer.Status} and cannot be received (again)."), null);
            }

            var levels = await ledger.LockAsync([(transfer.ItemId, transfer.ToWarehouseId)], createMissing: false, ct);
            var actor = user.Actor();
            ledger.Apply(
                levels[(transfer.ItemId, transfer.ToWarehouseId)],
                new StockChange(transfer.ItemId, transfer.ToWarehouseId, MovementType.TransferIn, OnHand: request.ReceivedQuantity, Incoming: -transfer.Quantity, Note: request.Note, TransferId: id),
                actor);
            (transfer.Status, transfer.ReceivedQuantity, transfer.ClosedAt, transfer.ClosedBy) = (TransferStatus.Received, request.ReceivedQuantity, clock.GetUtcNow(), actor);
            outbox.Add(new TransferReceived(id, transfer.Sku, transfer.FromWarehouseId, transfer.ToWarehouseId, transfer.Quantity, request.ReceivedQuantity, transfer.Variance!.Value));
            return (TypedResults.Ok(TransferResponse.From(transfer)), transfer.Sku);
        }, cancellationToken);
        await InvalidateAsync(cache, result.Item2);
        return result.Item1;
    }

    private static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> CancelAsync(
        Guid id, InventoryDbContext db, StockLedger ledger, IEventOutbox outbox, InventoryCache cache, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await db.InTransactionAsync<(Results<Ok<TransferResponse>, ProblemHttpResult>, string?)>(outbox, async ct =>
        {
            var transfer = await LockAsync(db, id, ct);
            switch (transfer?.Status)
            {
                case null:
                    return (Problems.NotFound("Transfer", id), null);
                case TransferStatus.Cancelled:
                    return (TypedResults.Ok(TransferResponse.From(transfer)), null);
                case TransferStatus.Received:
                    return (Problems.Conflict("Transfer received", $"Transfer {id} was received; adjust stock instead of cancelling."), null);
            }

            var (item, from, to) = (transfer.ItemId, transfer.FromWarehouseId, transfer.ToWarehouseId);
            var levels = await ledger.LockAsync([(item, from), (item, to)], createMissing: false, ct);
            var actor = user.Actor();
            ledger.Apply(levels[(item, from)], new StockChange(item, from, MovementType.TransferReturn, OnHand: transfer.Quantity, TransferId: id), actor);
            ledger.Apply(levels[(item, to)], new StockChange(item, to, MovementType.TransferReturn, Incoming: -transfer.Quantity, TransferId: id), actor);
            (transfer.Status, transfer.ClosedAt, transfer.ClosedBy) = (TransferStatus.Cancelled, clock.GetUtcNow(), actor);
            outbox.Add(new TransferCancelled(id, transfer.Sku, from, to, transfer.Quantity));
            return (TypedResults.Ok(TransferResponse.From(transfer)), transfer.Sku);
        }, cancellationToken);
        await InvalidateAsync(cache, result.Item2);
        return result.Item1;
    }

    private static Task<Transfer?> LockAsync(InventoryDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Transfers.FromSql($"SELECT * FROM inventory.transfers WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    private static Task InvalidateAsync(InventoryCache cache, string? sku) =>
        sku is null ? Task.CompletedTask : cache.InvalidateAsync([InventoryCache.LevelsKey(sku)]);
}
