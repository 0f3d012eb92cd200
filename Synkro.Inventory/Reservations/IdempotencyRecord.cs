namespace Synkro.Inventory.Reservations;

/// <summary>
/// What a reservation request with an Idempotency-Key produced: replays get the stored response.
/// The row is inserted before the work, in the same transaction, so a concurrent request with the
/// same key waits on the unique key and then reads the first one's result.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; init; }

    /// <summary>SHA-256 of the request; the same key with a different request is refused.</summary>
    public required byte[] RequestHash { get; init; }

    public int? StatusCode { get; set; }

    /// <summary>The response body, as JSON.</summary>
    public string? Response { get; set; }

    public Guid? ReservationId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
