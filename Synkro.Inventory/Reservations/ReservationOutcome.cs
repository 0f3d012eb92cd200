using System.Security.Cryptography;
using System.Text.Json;
using Synkro.Inventory.Http;

namespace Synkro.Inventory.Reservations;

/// <summary>A reservation request waiting for the writer, with the key that makes it idempotent.</summary>
public sealed record PendingReservation(string Key, byte[] RequestHash, ReserveStockRequest Request, string Actor)
{
    public TaskCompletionSource<ReservationOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<string> Skus => Request.Lines!.Select(l => l.Sku!);

    public static PendingReservation Create(string key, ReserveStockRequest request, string actor) =>
        new(key, SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, InventoryJson.Options)), request, actor);
}

public abstract record ReservationOutcome;

/// <summary>Held (now, or by the first request with this key).</summary>
public sealed record Reserved(ReservationResponse Reservation) : ReservationOutcome;

/// <summary>Not enough stock for at least one line; nothing held.</summary>
public sealed record Rejected(IReadOnlyList<Shortage> Shortages) : ReservationOutcome;

/// <summary>SKUs that are not (or no longer) in the catalogue; not executed, so the key is not kept.</summary>
public sealed record UnknownSkus(IReadOnlyList<string> Skus) : ReservationOutcome;

/// <summary>The key was first used with a different request.</summary>
public sealed record KeyReused : ReservationOutcome;

/// <summary>The body stored with a 409, so a replay answers the same.</summary>
public sealed record RejectedBody(IReadOnlyList<Shortage> Shortages);
