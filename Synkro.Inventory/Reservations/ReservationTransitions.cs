namespace Synkro.Inventory.Reservations;

/// <summary>The four things that can be done to a reservation once it holds stock.</summary>
public enum ReservationOperation
{
    /// <summary>AllocateInventory: the hold becomes the order's allocation, which does not expire.</summary>
    Allocate,

    /// <summary>CommitReservation: the stock leaves (on hand and reserved both drop).</summary>
    Commit,

    /// <summary>ReleaseReservedStock: a hold that was never allocated is given up.</summary>
    ReleaseHold,

    /// <summary>ReleaseInventory: an allocation is given up (the order was cancelled after it was confirmed).</summary>
    ReleaseAllocation,
}

/// <summary>What an operation does from the status it finds: move the reservation, or answer without changing it.</summary>
public abstract record Transition
{
    /// <summary>Move the reservation to <paramref name="To"/> (with its stock change, if any).</summary>
    public sealed record Move(ReservationStatus To) : Transition;

    /// <summary>Already where the operation would take it: a retry answers as the first call did.</summary>
    public sealed record AlreadyDone : Transition;

    /// <summary>Refused with a 409 (FAILED_PRECONDITION on gRPC) whose title names why.</summary>
    public sealed record Refuse(string Title, string Detail) : Transition;

    /// <summary>Past its deadline but not swept yet: expire it now (so its stock returns once), then refuse.</summary>
    public sealed record ExpireThenRefuse(string Detail) : Transition;
}

/// <summary>
/// The reservation state machine in one table: Active -> Allocated -> Committed, Active -> Committed,
/// Active | Allocated -> Released, Active -> Expired (only a hold expires). Each operation is idempotent,
/// and the two releases are kept apart so that giving up a confirmed order's stock is a deliberate act.
/// </summary>
public static class ReservationTransitions
{
    public static Transition Decide(ReservationOperation operation, Reservation reservation, DateTimeOffset now)
    {
        var (id, status) = (reservation.Id, reservation.Status);
        if (operation != ReservationOperation.ReleaseHold && reservation.IsExpiredAt(now))
        {
            return new Transition.ExpireThenRefuse(Expired(reservation));
        }

        return (operation, status) switch
        {
            (ReservationOperation.Allocate, ReservationStatus.Active) => new Transition.Move(ReservationStatus.Allocated),
            (ReservationOperation.Allocate, ReservationStatus.Allocated) => new Transition.AlreadyDone(),
            (ReservationOperation.Commit, ReservationStatus.Active or ReservationStatus.Allocated) => new Transition.Move(ReservationStatus.Committed),
            (ReservationOperation.Commit, ReservationStatus.Committed) => new Transition.AlreadyDone(),
            (ReservationOperation.ReleaseHold, ReservationStatus.Active) => new Transition.Move(ReservationStatus.Released),
            (ReservationOperation.ReleaseAllocation, ReservationStatus.Allocated) => new Transition.Move(ReservationStatus.Released),
            (ReservationOperation.ReleaseHold or ReservationOperation.ReleaseAllocation, ReservationStatus.Released or ReservationStatus.Expired) => new Transition.AlreadyDone(),
            (ReservationOperation.ReleaseHold, ReservationStatus.Allocated) =>
                new Transition.Refuse("Reservation allocated", $"Reservation {id} is allocated to its order; release it with ReleaseInventory (POST /api/inventory/reservations/{id}/deallocate)."),
            (ReservationOperation.ReleaseAllocation, ReservationStatus.Active) =>
                new Transition.Refuse("Reservation not allocated", $"Reservation {id} is a hold that was never allocated; release it with ReleaseReservedStock (POST /api/inventory/reservations/{id}/release)."),
            (_, ReservationStatus.Committed) => new Transition.Refuse("Reservation committed", $"Reservation {id} was committed; its stock has left."),
            (_, ReservationStatus.Released) => new Transition.Refuse("Reservation released", $"Reservation {id} was released; its stock is no longer held."),
            (_, ReservationStatus.Expired) => new Transition.Refuse("Reservation expired", Expired(reservation)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, $"No rule for {operation} from {status}."),
        };
    }

    private static string Expired(Reservation reservation) =>
        $"Reservation {reservation.Id} expired at {reservation.ExpiresAt:O}; its stock is no longer held.";
}
