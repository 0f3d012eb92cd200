using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.Inventory.Stock;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Inventory.Reservations;

/// <summary>
/// Moves reservations on: allocation (the hold stops expiring), commit (the stock leaves), release and
/// expiry (the stock is available again).
/// The reservation row is locked before its levels, by every closer, so a commit racing the sweeper
/// or a release finds the status the other left and the stock moves exactly once.
/// </summary>
public sealed class ReservationCloser(InventoryDbContext db, StockLedger ledger, IEventOutbox outbox, TimeProvider clock)
{
    public const string ExpiryActor = "system:expiry";

    public async Task<Reservation?> LockAsync(Guid id, CancellationToken cancellationToken)
    {
        var reservation = await db.Reservations
            .FromSql($"SELECT * FROM inventory.reservations WHERE id = {id} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (reservation is not null)
        {
            await db.Entry(reservation).Collection(r => r.Allocations).LoadAsync(cancellationToken);
        }

        return reservation;
    }

    /// <summary>Active reservations past their expiry that no other replica or request holds right now.</summary>
    public async Task<List<Reservation>> LockDueAsync(int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Reservations
            .FromSql($"SELECT * FROM inventory.reservations WHERE status = 'Active' AND expires_at <= {now} ORDER BY expires_at LIMIT {limit} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var ids = due.Select(r => r.Id).ToList();
        await db.ReservationAllocations.Where(a => ids.Contains(a.ReservationId)).LoadAsync(cancellationToken);
        return due;
    }

    public async Task MoveAsync(IReadOnlyList<Reservation> reservations, ReservationStatus outcome, string actor, CancellationToken cancellationToken)
    {
        // Allocation changes no quantity, so it takes no level lock.
        IReadOnlyDictionary<(Guid ItemId, Guid WarehouseId), StockLevel> levels = outcome == ReservationStatus.Allocated
            ? new Dictionary<(Guid ItemId, Guid WarehouseId), StockLevel>()
            : await ledger.LockAsync(reservations.SelectMany(r => r.Allocations).Select(a => (a.ItemId, a.WarehouseId)), createMissing: false, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var reservation in reservations)
        {
            foreach (var allocation in reservation.Allocations)
            {
                if (Change(outcome, reservation.Id, allocation) is { } change)
                {
                    ledger.Apply(levels[(allocation.ItemId, allocation.WarehouseId)], change, actor);
                }
            }

            reservation.Status = outcome;
            reservation.UpdatedAt = now;
            outbox.Add(Event(reservation));
        }
    }

    private static StockChange? Change(ReservationStatus outcome, Guid reservationId, ReservationAllocation allocation) => outcome switch
    {
        // Allocated stock stays reserved; only its expiry goes.
        ReservationStatus.Allocated => null,
        // Committed stock leaves the warehouse: on hand and reserved both drop.
        ReservationStatus.Committed => new(allocation.ItemId, allocation.WarehouseId, MovementType.Issue, OnHand: -allocation.Quantity, Reserved: -allocation.Quantity, ReservationId: reservationId),
        ReservationStatus.Released => new(allocation.ItemId, allocation.WarehouseId, MovementType.Release, Reserved: -allocation.Quantity, ReservationId: reservationId),
        ReservationStatus.Expired => new(allocation.ItemId, allocation.WarehouseId, MovementType.Expiry, Reserved: -allocation.Quantity, ReservationId: reservationId),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A reservation cannot move back to a hold."),
    };

    private static IntegrationEvent Event(Reservation reservation)
    {
        var lines = reservation.Allocations.Select(a => new AllocationLine(a.Sku, a.WarehouseId, a.Quantity)).ToList();
        return reservation.Status switch
        {
            ReservationStatus.Allocated => new ReservationAllocated(reservation.Id, reservation.OrderId, lines),
            ReservationStatus.Committed => new ReservationCommitted(reservation.Id, reservation.OrderId, lines),
            ReservationStatus.Released => new ReservationReleased(reservation.Id, reservation.OrderId, lines),
            _ => new ReservationExpired(reservation.Id, reservation.OrderId, lines),
        };
    }
}
