using System.Net;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Synkro.Protos.Inventory.V1;
using Synkro.Security;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>
/// Inventory's gRPC methods against the real service: the same rules, errors and idempotency as its
/// REST API, because both call the same handlers. Each error is checked in its rich details
/// (google.rpc.Status), not only its code.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class GrpcApiTests : InventoryScenario
{
    [Test]
    public async Task An_item_is_created_read_updated_listed_and_deleted_over_grpc()
    {
        using var grpc = await InventoryGrpc.ForRoleAsync(Roles.Manager);
        var sku = Unique.Sku("G");
        var fields = new ItemFields { Name = "Pallet jack", Category = "tools", AttributesJson = """{"colour":"red"}""", Price = new Money { Amount = "249.90", Currency = "EUR" } };

        var created = (await grpc.Client.CreateItemAsync(new CreateItemRequest { Sku = sku, Fields = fields }, grpc.Headers)).Item;
        Assert.That((created.Sku, created.Name, created.Price.Amount, created.Price.Currency), Is.EqualTo((sku, "Pallet jack", "249.90", "EUR")));
        Assert.That(JsonDocument.Parse(created.AttributesJson).RootElement.GetProperty("colour").GetString(), Is.EqualTo("red"));

        var (duplicate, duplicateStatus) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.CreateItemAsync(new CreateItemRequest { Sku = sku, Fields = fields }, grpc.Headers).ResponseAsync);
        Assert.That(duplicate.StatusCode, Is.EqualTo(StatusCode.AlreadyExists));
        Assert.That(InventoryGrpc.Info(duplicateStatus)?.Reason, Is.EqualTo("SKU_ALREADY_EXISTS"));

        fields.Name = "Pallet jack, 2.5 t";
        var updated = (await grpc.Client.UpdateItemAsync(new UpdateItemRequest { Sku = sku, Fields = fields }, grpc.Headers)).Item;
        Assert.That(updated.Name, Is.EqualTo("Pallet jack, 2.5 t"));

        // The REST API sees the same item: one catalogue behind both.
        using var rest = await Inventory.Http.GetAsync($"/api/inventory/items/{sku}");
        Assert.That((await InventoryClient.ReadAsync<JsonElement>(rest, HttpStatusCode.OK)).GetProperty("name").GetString(), Is.EqualTo("Pallet jack, 2.5 t"));

        var listed = await grpc.Client.ListItemsAsync(new ListItemsRequest { Query = sku, Limit = 5 }, grpc.Headers);
        Assert.That(listed.Items.Select(i => i.Sku), Is.EqualTo(new[] { sku }));

        var deleted = await grpc.Client.DeleteItemAsync(new DeleteItemRequest { Sku = sku }, grpc.Headers);
        Assert.That(deleted.Archived, Is.False, "an item without stock or history is destroyed");
        var (gone, goneStatus) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.GetItemAsync(new GetItemRequest { Sku = sku }, grpc.Headers).ResponseAsync);
        Assert.That((gone.StatusCode, InventoryGrpc.Info(goneStatus)?.Reason), Is.EqualTo((StatusCode.NotFound, "ITEM_NOT_FOUND")));
    }

    [Test]
    public async Task Invalid_requests_name_their_fields_as_REST_does()
    {
        using var grpc = await InventoryGrpc.ForRoleAsync(Roles.Manager);

        var (invalid, status) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.CreateItemAsync(
            new CreateItemRequest { Sku = "not a sku!", Fields = new ItemFields { Price = new Money { Amount = "12.5", Currency = "euro" } } }, grpc.Headers).ResponseAsync);
        Assert.That(invalid.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        var fields = status?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList();
        Assert.That(fields, Is.SupersetOf(new[] { "Sku", "Name", "Currency" }), invalid.Status.Detail);

        var (unreadable, unreadableStatus) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.CreateItemAsync(
            new CreateItemRequest { Sku = Unique.Sku(), Fields = new ItemFields { Name = "x", AttributesJson = "{not json", Price = new Money { Amount = "twelve", Currency = "EUR" } } }, grpc.Headers).ResponseAsync);
        Assert.That(unreadable.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(unreadableStatus?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field), Is.EquivalentTo(new[] { "fields.attributes_json", "fields.price.amount" }));

        // PostgreSQL cannot store U+0000: refused with the field named, as the REST API does.
        var (nul, nulStatus) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.CreateItemAsync(
            new CreateItemRequest { Sku = Unique.Sku(), Fields = new ItemFields { Name = "bad\0name" } }, grpc.Headers).ResponseAsync);
        Assert.That(nul.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(nulStatus?.GetDetail<BadRequest>()?.FieldViolations.Single().Field, Is.EqualTo("fields.name"));

        var (page, _) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.ListItemsAsync(new ListItemsRequest { Limit = 5000 }, grpc.Headers).ResponseAsync);
        Assert.That(page.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), "the REST endpoint's limit applies");
    }

    [Test]
    public async Task Reserving_over_grpc_is_keyed_by_the_order_and_refusals_list_the_shortages()
    {
        using var grpc = await InventoryGrpc.ForRoleAsync(Roles.Clerk);
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        var received = await grpc.Client.AdjustInventoryAsync(new AdjustInventoryRequest { Sku = sku, WarehouseId = warehouse.ToString(), Quantity = 5, ReasonCode = "receipt" }, grpc.Headers);
        Assert.That((received.Level.OnHand, received.Level.Available), Is.EqualTo((5, 5)));

        var order = Guid.CreateVersion7().ToString();
        var request = new StockReservationRequest { OrderId = order, Lines = { new StockLine { Sku = sku, Quantity = 3 } } };
        var first = (await grpc.Client.CheckAndReserveStockAsync(request, grpc.Headers)).Reservation;
        var retry = (await grpc.Client.CheckAndReserveStockAsync(request, grpc.Headers)).Reservation;
        Assert.That((first.Status, retry.Id), Is.EqualTo((ReservationStatus.Active, first.Id)), "a retry of the same order answers the first reservation");
        var levels = (await grpc.Client.GetInventoryLevelsAsync(new GetInventoryLevelsRequest { Sku = sku }, grpc.Headers)).Levels.Single();
        Assert.That((levels.OnHand, levels.Reserved, levels.Available), Is.EqualTo((5, 3, 2)), "held once, not twice");

        var (refused, status) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.CheckAndReserveStockAsync(
            new StockReservationRequest { OrderId = Guid.CreateVersion7().ToString(), Lines = { new StockLine { Sku = sku, Quantity = 4 } } }, grpc.Headers).ResponseAsync);
        Assert.That((refused.StatusCode, InventoryGrpc.Info(status)?.Reason), Is.EqualTo((StatusCode.FailedPrecondition, "INSUFFICIENT_STOCK")));
        var shortage = status!.GetDetail<InsufficientStock>().Shortages.Single();
        Assert.That((shortage.Sku, shortage.Requested, shortage.Available), Is.EqualTo((sku, 4, 2)));

        var committed = (await grpc.Client.CommitReservationAsync(new CommitReservationRequest { ReservationId = first.Id }, grpc.Headers)).Reservation;
        var again = (await grpc.Client.CommitReservationAsync(new CommitReservationRequest { ReservationId = first.Id }, grpc.Headers)).Reservation;
        Assert.That((committed.Status, again.Status), Is.EqualTo((ReservationStatus.Committed, ReservationStatus.Committed)), "commit is idempotent");
        var after = (await Inventory.LevelsAsync(sku)).Single();
        Assert.That((after.OnHand, after.Reserved), Is.EqualTo((2, 0)), "the committed stock left");

        var (late, lateStatus) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.ReleaseReservedStockAsync(new ReleaseStockRequest { ReservationId = first.Id }, grpc.Headers).ResponseAsync);
        Assert.That((late.StatusCode, InventoryGrpc.Info(lateStatus)?.Reason), Is.EqualTo((StatusCode.FailedPrecondition, "RESERVATION_COMMITTED")));
        Assert.That(InventoryGrpc.Info(lateStatus)!.Metadata["reservationStatus"], Is.EqualTo("Committed"));
    }

    [Test]
    public async Task Releasing_over_grpc_returns_the_stock_once()
    {
        using var grpc = await InventoryGrpc.ForRoleAsync(Roles.Clerk);
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 4);
        var held = (await grpc.Client.CheckAndReserveStockAsync(new StockReservationRequest { OrderId = Guid.CreateVersion7().ToString(), Lines = { new StockLine { Sku = sku, Quantity = 4 } } }, grpc.Headers)).Reservation;

        var released = (await grpc.Client.ReleaseReservedStockAsync(new ReleaseStockRequest { ReservationId = held.Id }, grpc.Headers)).Reservation;
        var again = (await grpc.Client.ReleaseReservedStockAsync(new ReleaseStockRequest { ReservationId = held.Id }, grpc.Headers)).Reservation;
        Assert.That((released.Status, again.Status), Is.EqualTo((ReservationStatus.Released, ReservationStatus.Released)));
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Available, Is.EqualTo(4));

        var (unknown, _) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.CommitReservationAsync(new CommitReservationRequest { ReservationId = Guid.NewGuid().ToString() }, grpc.Headers).ResponseAsync);
        Assert.That(unknown.StatusCode, Is.EqualTo(StatusCode.NotFound));
        var (malformed, malformedStatus) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.CommitReservationAsync(new CommitReservationRequest { ReservationId = "42" }, grpc.Headers).ResponseAsync);
        Assert.That((malformed.StatusCode, malformedStatus?.GetDetail<BadRequest>()?.FieldViolations.Single().Field), Is.EqualTo((StatusCode.InvalidArgument, "reservation_id")));
    }

    [Test]
    public async Task Allocation_and_its_release_over_grpc()
    {
        using var grpc = await InventoryGrpc.ForRoleAsync(Roles.Clerk);
        var warehouse = await Inventory.CreateWarehouseAsync();
        var sku = await Inventory.CreateItemAsync();
        await Inventory.AdjustAsync(sku, warehouse, 6);
        StockReservationRequest Hold(int quantity, int ttlSeconds) =>
            new() { OrderId = Guid.CreateVersion7().ToString(), TtlSeconds = ttlSeconds, Lines = { new StockLine { Sku = sku, Quantity = quantity } } };
        var held = (await grpc.Client.CheckAndReserveStockAsync(Hold(4, 600), grpc.Headers)).Reservation;

        var allocated = (await grpc.Client.AllocateInventoryAsync(new AllocateInventoryRequest { ReservationId = held.Id }, grpc.Headers)).Reservation;
        var again = (await grpc.Client.AllocateInventoryAsync(new AllocateInventoryRequest { ReservationId = held.Id }, grpc.Headers)).Reservation;
        Assert.That((allocated.Status, again.Status), Is.EqualTo((ReservationStatus.Allocated, ReservationStatus.Allocated)), "allocate is idempotent");
        var (hold, holdStatus) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.ReleaseReservedStockAsync(new ReleaseStockRequest { ReservationId = held.Id }, grpc.Headers).ResponseAsync);
        Assert.That((hold.StatusCode, InventoryGrpc.Info(holdStatus)?.Reason), Is.EqualTo((StatusCode.FailedPrecondition, "RESERVATION_ALLOCATED")));

        var released = (await grpc.Client.ReleaseInventoryAsync(new ReleaseInventoryRequest { ReservationId = held.Id }, grpc.Headers)).Reservation;
        Assert.That(released.Status, Is.EqualTo(ReservationStatus.Released));
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Available, Is.EqualTo(6));

        var lapsing = (await grpc.Client.CheckAndReserveStockAsync(Hold(2, 1), grpc.Headers)).Reservation;
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var (late, lateStatus) = await InventoryGrpc.FailureOfAsync(() => grpc.Client.AllocateInventoryAsync(new AllocateInventoryRequest { ReservationId = lapsing.Id }, grpc.Headers).ResponseAsync);
        Assert.That((late.StatusCode, InventoryGrpc.Info(lateStatus)?.Reason), Is.EqualTo((StatusCode.FailedPrecondition, "RESERVATION_EXPIRED")));
        Assert.That((await Inventory.LevelsAsync(sku)).Single().Reserved, Is.Zero, "an expired hold holds nothing");
    }

    [Test]
    public async Task The_REST_policies_hold_over_grpc()
    {
        using var viewer = await InventoryGrpc.ForRoleAsync(Roles.Viewer);
        using var nobody = await InventoryGrpc.ForRoleAsync(null);
        var sku = await Inventory.CreateItemAsync();

        Assert.That((await viewer.Client.GetItemAsync(new GetItemRequest { Sku = sku }, viewer.Headers)).Item.Sku, Is.EqualTo(sku));
        var (denied, _) = await InventoryGrpc.FailureOfAsync(() => viewer.Client.CreateItemAsync(new CreateItemRequest { Sku = Unique.Sku(), Fields = new ItemFields { Name = "x" } }, viewer.Headers).ResponseAsync);
        Assert.That(denied.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        var (refusedReserve, _) = await InventoryGrpc.FailureOfAsync(() => viewer.Client.CheckAndReserveStockAsync(new StockReservationRequest { OrderId = Guid.NewGuid().ToString(), Lines = { new StockLine { Sku = sku, Quantity = 1 } } }, viewer.Headers).ResponseAsync);
        Assert.That(refusedReserve.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        var (anonymous, _) = await InventoryGrpc.FailureOfAsync(() => nobody.Client.GetItemAsync(new GetItemRequest { Sku = sku }, nobody.Headers).ResponseAsync);
        Assert.That(anonymous.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }
}
