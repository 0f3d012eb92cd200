using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Security;

using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Reservations;

/// <summary>The design's Inventory Sync reservation API (CheckAndReserveStock, CommitReservation, ReleaseReservedStock) over HTTP.</summary>
public static class ReservationsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapReservationsApi(this RouteGroupBuilder api)
    {
        var reservations = api.MapGroup("/reservations").WithTags("Reservations");
        reservations.MapPost("", ReserveAsync).RequireAuthorization(InventoryPolicies.Reserve).WithName("CheckAndReserveStock")
            .WithDescription("Holds every line for the order or nothing (409 with the shortages). Requires an Idempotency-Key header: a replay returns the first result and holds nothing more.");
        reservations.MapGet("/{id:guid}", GetAsync).RequireAuthorization(InventoryPolicies.Read).WithName("GetReservation");
        reservations.MapPost("/{id:guid}/commit", CommitAsync).RequireAuthorization(InventoryPolicies.Reserve).WithName("CommitReservation")
            .WithDescription("The held stock leaves: on hand and reserved both drop. Idempotent; refused after release or expiry.");
        reservations.MapPost("/{id:guid}/release", ReleaseAsync).RequireAuthorization(InventoryPolicies.Reserve).WithName("ReleaseReservedStock")
            .WithDescription("The held stock is available again. Idempotent; an expired reservation is already released.");
        return api;
    }

    private static async Task<Results<Created<ReservationResponse>, ValidationProblem, ProblemHttpResult>> ReserveAsync(
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

    private static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> CommitAsync(
        Guid id, InventoryDbContext db, ReservationCloser closer, IEventOutbox outbox, InventoryCache cache, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (result, changed) = await db.InTransactionAsync<(Results<Ok<ReservationResponse>, ProblemHttpResult>, Reservation?)>(outbox, async ct =>
        {
            var reservation = await closer.LockAsync(id, ct);
            switch (reservation?.Status)
            {
                case null:
                    return (Problems.NotFound("Reservation", id), null);
                case ReservationStatus.Committed:
                    return (TypedResults.Ok(ReservationResponse.From(reservation)), null);
                case ReservationStatus.Released:
                    return (Problems.Conflict("Reservation released", $"Reservation {id} was released; its stock is no longer held, so it cannot be committed.", Status(reservation)), null);
                case ReservationStatus.Expired:
                    return (Problems.Conflict("Reservation expired", $"Reservation {id} expired at {reservation.ExpiresAt:O}; its stock is no longer held, so it cannot be committed.", Status(reservation)), null);
            }

            if (reservation.IsExpiredAt(clock.GetUtcNow()))
            {
                // Past its deadline but not swept yet: this request expires it, so the stock returns once.
                await closer.CloseAsync([reservation], ReservationStatus.Expired, ReservationCloser.ExpiryActor, ct);
                return (Problems.Conflict("Reservation expired", $"Reservation {id} expired at {reservation.ExpiresAt:O}; its stock is no longer held, so it cannot be committed.", Status(reservation)), reservation);
            }

            await closer.CloseAsync([reservation], ReservationStatus.Committed, user.Actor(), ct);
            return (TypedResults.Ok(ReservationResponse.From(reservation)), reservation);
        }, cancellationToken);
        await InvalidateAsync(cache, changed);
        return result;
    }

    private static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> ReleaseAsync(
        Guid id, InventoryDbContext db, ReservationCloser closer, IEventOutbox outbox, InventoryCache cache, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (result, changed) = await db.InTransactionAsync<(Results<Ok<ReservationResponse>, ProblemHttpResult>, Reservation?)>(outbox, async ct =>
        {
            var reservation = await closer.LockAsync(id, ct);
            switch (reservation?.Status)
            {
                case null:
                    return (Problems.NotFound("Reservation", id), null);
                case ReservationStatus.Released or ReservationStatus.Expired:
                    return (TypedResults.Ok(ReservationResponse.From(reservation)), null);
                case ReservationStatus.Committed:
                    return (Problems.Conflict("Reservation committed", $"Reservation {id} was committed; its stock has left and cannot be released.", Status(reservation)), null);
            }

            await closer.CloseAsync([reservation], ReservationStatus.Released, user.Actor(), ct);
            return (TypedResults.Ok(ReservationResponse.From(reservation)), reservation);
        }, cancellationToken);
        await InvalidateAsync(cache, changed);
        return result;
    }

    private static KeyValuePair<string, object?>[] Status(Reservation reservation) => [new("reservationStatus", reservation.Status.ToString())];

    private static Task InvalidateAsync(InventoryCache cache, Reservation? changed) =>
        changed is null ? Task.CompletedTask : cache.InvalidateAsync(changed.Allocations.Select(a => InventoryCache.LevelsKey(a.Sku)));
}
