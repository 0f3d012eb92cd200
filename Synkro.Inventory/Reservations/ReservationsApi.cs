using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Security;

using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Reservations;

/// <summary>The design's Inventory Sync reservation API (CheckAndReserveStock, AllocateInventory, CommitReservation, ReleaseReservedStock, ReleaseInventory) over HTTP.</summary>
public static class ReservationsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapReservationsApi(this RouteGroupBuilder api)
    {
        var reservations = api.MapGroup("/reservations").WithTags("Reservations");
        reservations.MapPost("", ReserveAsync).RequireAuthorization(InventoryPolicies.Reserve).WithName("CheckAndReserveStock")
            .WithDescription("Holds every line for the order or nothing (409 with the shortages). Requires an Idempotency-Key header: a replay returns the first result and holds nothing more.");
        reservations.MapGet("/{id:guid}", GetAsync).RequireAuthorization(InventoryPolicies.Read).WithName("GetReservation");
        MapOperation(reservations, "allocate", ReservationOperation.Allocate, "AllocateInventory",
            "The hold becomes the order's allocation: still reserved, it no longer expires. Idempotent; refused after release, expiry or commit.");
        MapOperation(reservations, "commit", ReservationOperation.Commit, "CommitReservation",
            "The held or allocated stock leaves: on hand and reserved both drop. Idempotent; refused after release or expiry.");
        MapOperation(reservations, "release", ReservationOperation.ReleaseHold, "ReleaseReservedStock",
            "A hold's stock is available again. Idempotent; an expired hold is already released. An allocated reservation is released with deallocate.");
        MapOperation(reservations, "deallocate", ReservationOperation.ReleaseAllocation, "ReleaseInventory",
            "An allocation's stock is available again (the order was cancelled after confirmation). Idempotent.");
        return api;
    }

    private static void MapOperation(RouteGroupBuilder reservations, string action, ReservationOperation operation, string name, string description) =>
        reservations.MapPost($"/{{id:guid}}/{action}", (Guid id, InventoryDbContext db, ReservationCloser closer, IEventOutbox outbox, InventoryCache cache, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken) =>
                ApplyAsync(id, operation, db, closer, outbox, cache, clock, user, cancellationToken))
            .RequireAuthorization(InventoryPolicies.Reserve).WithName(name).WithDescription(description);

    internal static async Task<Results<Created<ReservationResponse>, ValidationProblem, ProblemHttpResult>> ReserveAsync(
        ReserveStockRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ReservationBatcher batcher,
        ClaimsPrincipal user)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > ReservationRules.IdempotencyKeyMaxLength)
        {
            return Problems.Invalid(IdempotencyKeyHeader, $"An {IdempotencyKeyHeader} header of 1 to {ReservationRules.IdempotencyKeyMaxLength} characters is required, so that retries hold stock only once.");
        }

        var outcome = await batcher.SubmitAsync(PendingReservation.Create(idempotencyKey, request, user.Actor()));
        switch (outcome)
        {
            case Reserved reserved:
                return TypedResults.Created($"/api/inventory/reservations/{reserved.Reservation.Id}", reserved.Reservation);
            case Rejected rejected:
                return Problems.Conflict(
                    "Insufficient stock",
                    "Not every line can be served, so nothing was reserved.",
                    [new("shortages", rejected.Shortages)]);
            case UnknownSkus unknown:
                return Problems.Invalid(request.Lines!
                    .Select((line, index) => (line, index))
                    .Where(x => unknown.Skus.Contains(x.line.Sku!))
                    .ToDictionary(x => $"Lines[{x.index}].Sku", x => new[] { $"There is no item with SKU '{x.line.Sku}'." }));
            default:
                return TypedResults.Problem(
                    $"This {IdempotencyKeyHeader} was first used with a different request; use a new key for a new request.",
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency key reused");
        }
    }

    private static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetAsync(Guid id, InventoryDbContext db, CancellationToken cancellationToken) =>
        await db.Reservations.AsNoTracking().Include(r => r.Allocations).SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } reservation
            ? TypedResults.Ok(ReservationResponse.From(reservation))
            : Problems.NotFound("Reservation", id);

    /// <summary>Allocate, commit or release: one locked read of the reservation, the table's decision, and its stock change.</summary>
    internal static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> ApplyAsync(
        Guid id, ReservationOperation operation, InventoryDbContext db, ReservationCloser closer, IEventOutbox outbox, InventoryCache cache, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (result, changed) = await db.InTransactionAsync<(Results<Ok<ReservationResponse>, ProblemHttpResult>, Reservation?)>(outbox, async ct =>
        {
            if (await closer.LockAsync(id, ct) is not { } reservation)
            {
                return (Problems.NotFound("Reservation", id), null);
            }

            switch (ReservationTransitions.Decide(operation, reservation, clock.GetUtcNow()))
            {
                case Transition.Move(var to):
                    await closer.MoveAsync([reservation], to, user.Actor(), ct);
                    return (TypedResults.Ok(ReservationResponse.From(reservation)), reservation);
                case Transition.ExpireThenRefuse(var detail):
                    await closer.MoveAsync([reservation], ReservationStatus.Expired, ReservationCloser.ExpiryActor, ct);
                    return (Problems.Conflict("Reservation expired", detail, Status(reservation)), reservation);
                case Transition.Refuse(var title, var detail):
                    return (Problems.Conflict(title, detail, Status(reservation)), null);
                default:
                    return (TypedResults.Ok(ReservationResponse.From(reservation)), null);
            }
        }, cancellationToken);
        await InvalidateAsync(cache, changed);
        return result;
    }

    private static KeyValuePair<string, object?>[] Status(Reservation reservation) => [new("reservationStatus", reservation.Status.ToString())];

    private static Task InvalidateAsync(InventoryCache cache, Reservation? changed) =>
        changed is null ? Task.CompletedTask : cache.InvalidateAsync(changed.Allocations.Select(a => InventoryCache.LevelsKey(a.Sku)));
}
