using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Security;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Stock;

public static class AdjustmentsApi
{
    public static RouteGroupBuilder MapAdjustmentsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/adjustments", AdjustAsync).WithTags("Stock").RequireAuthorization(InventoryPolicies.MoveStock).WithName("AdjustInventory")
            .WithDescription("Receives (reasonCode \"receipt\") or corrects on-hand stock; answers with the movement and the level after it.");
        return api;
    }

    internal static async Task<Results<Created<MovementResponse>, ValidationProblem>> AdjustAsync(
        AdjustStockRequest request, InventoryDbContext db, StockLedger ledger, IEventOutbox outbox, InventoryCache cache, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (sku, warehouseId) = (request.Sku!, request.WarehouseId!.Value);
        var result = await db.InTransactionAsync<Results<Created<MovementResponse>, ValidationProblem>>(outbox, async ct =>
        {
            var itemId = await db.Items.Where(i => i.Sku == sku && i.ArchivedAt == null).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);
            if (itemId is null)
            {
                return Problems.Invalid(nameof(request.Sku), $"There is no item with SKU '{sku}'.");
            }

            if (!await db.Warehouses.AnyAsync(w => w.Id == warehouseId, ct))
            {
                return Problems.Invalid(nameof(request.WarehouseId), $"There is no warehouse '{warehouseId}'.");
            }

            var levels = await ledger.LockAsync([(itemId.Value, warehouseId)], createMissing: request.Quantity > 0, ct);
            if (!levels.TryGetValue((itemId.Value, warehouseId), out var level))
            {
                throw new StockRuleViolation(sku, warehouseId, $"There is no stock of {sku} in warehouse {warehouseId} to take {-request.Quantity} from.");
            }

            var receipt = request.ReasonCode == ReasonCodes.Receipt;
            var movement = ledger.Apply(
                level,
                new StockChange(itemId.Value, warehouseId, receipt ? MovementType.Receipt : MovementType.Adjustment, OnHand: request.Quantity, ReasonCode: request.ReasonCode, Note: request.Note),
                user.Actor());
            var after = LevelSnapshot.Of(level);
            outbox.Add(
                receipt
                    ? new StockReceived(movement.Id, sku, warehouseId, request.Quantity, after.OnHand, after.Available)
                    : new StockAdjusted(movement.Id, sku, warehouseId, request.Quantity, request.ReasonCode!, after.OnHand, after.Available, movement.Actor));
            return TypedResults.Created($"/api/inventory/items/{sku}/movements?warehouseId={warehouseId}", MovementResponse.From(movement, sku, after));
        }, cancellationToken);
        await cache.InvalidateAsync([InventoryCache.LevelsKey(sku)]);
        return result;
    }
}
