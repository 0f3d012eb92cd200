namespace Synkro.Inventory.Reservations;

/// <summary>Bound from the "Reservations" configuration section.</summary>
public sealed class ReservationOptions
{
    /// <summary>
    /// Writer loops per process; a request goes to the loop its SKU hashes to, so requests for the same
    /// SKU queue behind each other and are written together instead of contending for its row lock.
    /// One per replica measured best on two cores (fewer, larger transactions); more loops let a
    /// bigger database server work on several batches at once.
    /// </summary>
    public int Writers { get; set; } = 1;

    /// <summary>Most requests one transaction takes.</summary>
    public int MaxBatch { get; set; } = 128;

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Reservations one sweep transaction expires.</summary>
    public int SweepBatch { get; set; } = 200;
}
