using Synkro.Inventory.Reservations;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>The reservation state machine's table alone, no database: every operation from every status.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Inventory")]
public sealed class ReservationTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [TestCase(ReservationOperation.Allocate, ReservationStatus.Active, "Move Allocated")]
    [TestCase(ReservationOperation.Allocate, ReservationStatus.Allocated, "AlreadyDone")]
    [TestCase(ReservationOperation.Allocate, ReservationStatus.Committed, "Refuse Reservation committed")]
    [TestCase(ReservationOperation.Allocate, ReservationStatus.Released, "Refuse Reservation released")]
    [TestCase(ReservationOperation.Allocate, ReservationStatus.Expired, "Refuse Reservation expired")]
    [TestCase(ReservationOperation.Commit, ReservationStatus.Active, "Move Committed")]
    [TestCase(ReservationOperation.Commit, ReservationStatus.Allocated, "Move Committed")]
    [TestCase(ReservationOperation.Commit, ReservationStatus.Committed, "AlreadyDone")]
    [TestCase(ReservationOperation.Commit, ReservationStatus.Released, "Refuse Reservation released")]
    [TestCase(ReservationOperation.Commit, ReservationStatus.Expired, "Refuse Reservation expired")]
    [TestCase(ReservationOperation.ReleaseHold, ReservationStatus.Active, "Move Released")]
    [TestCase(ReservationOperation.ReleaseHold, ReservationStatus.Allocated, "Refuse Reservation allocated")]
    [TestCase(ReservationOperation.ReleaseHold, ReservationStatus.Committed, "Refuse Reservation committed")]
    [TestCase(ReservationOperation.ReleaseHold, ReservationStatus.Released, "AlreadyDone")]
    [TestCase(ReservationOperation.ReleaseHold, ReservationStatus.Expired, "AlreadyDone")]
    [TestCase(ReservationOperation.ReleaseAllocation, ReservationStatus.Active, "Refuse Reservation not allocated")]
    [TestCase(ReservationOperation.ReleaseAllocation, ReservationStatus.Allocated, "Move Released")]
    [TestCase(ReservationOperation.ReleaseAllocation, ReservationStatus.Committed, "Refuse Reservation committed")]
    [TestCase(ReservationOperation.ReleaseAllocation, ReservationStatus.Released, "AlreadyDone")]
    [TestCase(ReservationOperation.ReleaseAllocation, ReservationStatus.Expired, "AlreadyDone")]
    public void Each_operation_from_each_status(ReservationOperation operation, ReservationStatus status, string expected)
    {
        var reservation = new Reservation { Status = status, ExpiresAt = Now.AddMinutes(5) };

        Assert.That(Describe(ReservationTransitions.Decide(operation, reservation, Now)), Is.EqualTo(expected));
    }

    [TestCase(ReservationOperation.Allocate, "ExpireThenRefuse")]
    [TestCase(ReservationOperation.Commit, "ExpireThenRefuse")]
    [TestCase(ReservationOperation.ReleaseHold, "Move Released")]
    public void A_hold_past_its_deadline_that_the_sweeper_has_not_reached_yet(ReservationOperation operation, string expected)
    {
        var reservation = new Reservation { Status = ReservationStatus.Active, ExpiresAt = Now };

        Assert.That(Describe(ReservationTransitions.Decide(operation, reservation, Now)), Is.EqualTo(expected));
    }

    [Test]
    public void An_allocation_does_not_expire()
    {
        var reservation = new Reservation { Status = ReservationStatus.Allocated, ExpiresAt = Now.AddDays(-1) };

        Assert.That(Describe(ReservationTransitions.Decide(ReservationOperation.Commit, reservation, Now)), Is.EqualTo("Move Committed"));
    }

    private static string Describe(Transition transition) => transition switch
    {
        Transition.Move move => $"Move {move.To}",
        Transition.Refuse refuse => $"Refuse {refuse.Title}",
        _ => transition.GetType().Name,
    };
}
