using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Items;
using Synkro.Inventory.Reservations;
using Synkro.Inventory.Security;
using Synkro.Inventory.Stock;
using Proto = Synkro.Protos.Inventory.V1;
using Synkro.ServiceDefaults.Grpc;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Grpc;

/// <summary>
/// The design's Inventory Sync gRPC methods. Each reads its message into the REST contract, runs the
/// same validation, and calls the same handler as the REST endpoint, so a rule lives in one place;
/// the handler's answer comes back as the proto message or as the gRPC error with the same meaning.
/// Policies are the REST endpoints' too.
/// </summary>
internal sealed class InventoryGrpcService(
    InventoryDbContext db,
    InventoryCache cache,
    TimeProvider clock,
    StockLedger ledger,
    IEventOutbox outbox,
    ReservationBatcher batcher,
    ReservationCloser closer,
    GrpcValidation validation) : Proto.InventoryService.InventoryServiceBase
{
    // The REST handler whose parameter attributes (limit, lengths) ListItems checks against.
    private static readonly System.Reflection.MethodInfo ListHandler = typeof(ItemQueries).GetMethod(nameof(ItemQueries.ListAsync))!;

    [Authorize(Policy = InventoryPolicies.ManageCatalog)]
    public override async Task<Proto.ItemResponse> CreateItem(Proto.CreateItemRequest request, ServerCallContext context)
    {
        var create = await ReadAsync(request.ToCreate, context);
        var result = await ItemsApi.CreateAsync(create, db, clock, context.CancellationToken);
        return new Proto.ItemResponse { Item = GrpcErrors.ValueOf<ItemResponse>(result.Result, StatusCode.AlreadyExists).ToProto() };
    }

    [Authorize(Policy = InventoryPolicies.Read)]
    public override async Task<Proto.ItemResponse> GetItem(Proto.GetItemRequest request, ServerCallContext context)
    {
        var result = await ItemsApi.GetAsync(request.Sku, db, cache, context.CancellationToken);
        return new Proto.ItemResponse { Item = GrpcErrors.ValueOf<ItemResponse>(result.Result).ToProto() };
    }

    [Authorize(Policy = InventoryPolicies.ManageCatalog)]
    public override async Task<Proto.ItemResponse> UpdateItem(Proto.UpdateItemRequest request, ServerCallContext context)
    {
        var update = await ReadAsync(request.Fields.ToUpdate, context);
        var result = await ItemsApi.UpdateAsync(request.Sku, update, db, cache, clock, context.CancellationToken);
        return new Proto.ItemResponse { Item = GrpcErrors.ValueOf<ItemResponse>(result.Result).ToProto() };
    }

    [Authorize(Policy = InventoryPolicies.ManageCatalog)]
    public override async Task<Proto.DeleteItemResponse> DeleteItem(Proto.DeleteItemRequest request, ServerCallContext context)
    {
        var result = await ItemsApi.DeleteAsync(request.Sku, db, cache, clock, context.CancellationToken);
        return result.Result is NoContent
            ? new Proto.DeleteItemResponse { Archived = false }
            : new Proto.DeleteItemResponse { Archived = true, Item = GrpcErrors.ValueOf<ItemResponse>(result.Result).ToProto() };
    }

    [Authorize(Policy = InventoryPolicies.Read)]
    public override async Task<Proto.ListItemsResponse> ListItems(Proto.ListItemsRequest request, ServerCallContext context)
    {
        var limit = request.Limit == 0 ? ItemQueries.DefaultPageSize : request.Limit;
        GrpcValidation.ValidateArguments(ListHandler, new Dictionary<string, object?>
        {
            ["category"] = request.Category, ["q"] = request.Query, ["after"] = request.After, ["limit"] = limit,
        });
        var result = await ItemQueries.ListAsync(db, context.CancellationToken, request.Category, request.Query, request.After, limit, request.IncludeArchived);
        var page = GrpcErrors.ValueOf<ItemPage>(result.Result);
        return new Proto.ListItemsResponse { Items = { page.Items.Select(i => i.ToProto()) }, NextAfter = page.NextAfter ?? "" };
    }

    [Authorize(Policy = InventoryPolicies.Read)]
    public override async Task<Proto.GetInventoryLevelsResponse> GetInventoryLevels(Proto.GetInventoryLevelsRequest request, ServerCallContext context)
    {
        var result = await ItemQueries.LevelsAsync(request.Sku, db, cache, context.CancellationToken);
        return new Proto.GetInventoryLevelsResponse { Levels = { GrpcErrors.ValueOf<List<LevelResponse>>(result.Result).Select(l => l.ToProto()) } };
    }

    [Authorize(Policy = InventoryPolicies.MoveStock)]
    public override async Task<Proto.AdjustInventoryResponse> AdjustInventory(Proto.AdjustInventoryRequest request, ServerCallContext context)
    {
        var adjust = await ReadAsync(request.ToAdjust, context);
        var result = await AdjustmentsApi.AdjustAsync(adjust, db, ledger, outbox, cache, context.GetHttpContext().User, context.CancellationToken);
        var movement = GrpcErrors.ValueOf<MovementResponse>(result.Result);
        return new Proto.AdjustInventoryResponse
        {
            MovementId = movement.Id.ToString(),
            Level = new Proto.InventoryLevel
            {
                WarehouseId = movement.WarehouseId.ToString(),
                OnHand = movement.Level!.OnHand,
                Reserved = movement.Level.Reserved,
                Available = movement.Level.Available,
                Incoming = movement.Level.Incoming,
                LastUpdated = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(movement.OccurredAt),
            },
        };
    }

    /// <summary>The request id, or else the order id, is the idempotency key: a retry answers the first result.</summary>
    [Authorize(Policy = InventoryPolicies.Reserve)]
    public override async Task<Proto.StockReservationResponse> CheckAndReserveStock(Proto.StockReservationRequest request, ServerCallContext context)
    {
        var reserve = await ReadAsync(request.ToReserve, context);
        var result = await ReservationsApi.ReserveAsync(reserve, request.RequestId is { Length: > 0 } key ? key : $"order:{reserve.OrderId}", batcher, context.GetHttpContext().User);
        return new Proto.StockReservationResponse { Reservation = GrpcErrors.ValueOf<ReservationResponse>(result.Result).ToProto() };
    }

    [Authorize(Policy = InventoryPolicies.Reserve)]
    public override async Task<Proto.AllocateInventoryResponse> AllocateInventory(Proto.AllocateInventoryRequest request, ServerCallContext context) =>
        new() { Reservation = await ApplyAsync(request.ReservationId, ReservationOperation.Allocate, context) };

    [Authorize(Policy = InventoryPolicies.Reserve)]
    public override async Task<Proto.ReleaseStockResponse> ReleaseReservedStock(Proto.ReleaseStockRequest request, ServerCallContext context) =>
        new() { Reservation = await ApplyAsync(request.ReservationId, ReservationOperation.ReleaseHold, context) };

    [Authorize(Policy = InventoryPolicies.Reserve)]
    public override async Task<Proto.ReleaseInventoryResponse> ReleaseInventory(Proto.ReleaseInventoryRequest request, ServerCallContext context) =>
        new() { Reservation = await ApplyAsync(request.ReservationId, ReservationOperation.ReleaseAllocation, context) };

    [Authorize(Policy = InventoryPolicies.Reserve)]
    public override async Task<Proto.CommitReservationResponse> CommitReservation(Proto.CommitReservationRequest request, ServerCallContext context) =>
        new() { Reservation = await ApplyAsync(request.ReservationId, ReservationOperation.Commit, context) };

    private async Task<Proto.Reservation> ApplyAsync(string reservationId, ReservationOperation operation, ServerCallContext context)
    {
        var result = await ReservationsApi.ApplyAsync(ReservationId(reservationId), operation, db, closer, outbox, cache, clock, context.GetHttpContext().User, context.CancellationToken);
        return GrpcErrors.ValueOf<ReservationResponse>(result.Result).ToProto();
    }

    private async Task<T> ReadAsync<T>(Func<ArgumentErrors, T> read, ServerCallContext context)
        where T : class
    {
        var errors = new ArgumentErrors();
        var value = read(errors);
        errors.ThrowIfAny();
        await validation.ValidateAsync(value, context.CancellationToken);
        return value;
    }

    private static Guid ReservationId(string value)
    {
        var errors = new ArgumentErrors();
        var id = errors.Guid("reservation_id", value);
        errors.ThrowIfAny();
        return id;
    }
}
