namespace Synkro.Inventory.Reservations;

/// <summary>
/// The statements of the reservation write path, set-based over arrays so that one execution serves
/// a whole batch of requests. They are public because the benchmark hands the very same text to
/// pgbench (with one-element arrays) as its baseline.
/// </summary>
public static class ReservationSql
{
    /// <summary>
    /// $1 keys, $2 request hashes, $3 now. Claims each key, or returns what an earlier request with it
    /// left (status_code not null). A key another transaction holds makes this wait for it and then
    /// return its result. Inserted in key order: two batches sharing keys then wait on each other in
    /// the same order, never in a cycle. (The no-op update is what makes the existing row come back.)
    /// </summary>
    public const string ClaimKeys = """
        INSERT INTO inventory.idempotency_keys AS k (key, request_hash, created_at)
        SELECT d.key, d.hash, $3 FROM unnest($1::text[], $2::bytea[]) AS d(key, hash)
        ORDER BY d.key
        ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
        RETURNING k.key, k.request_hash, k.status_code, k.response::text
        """;

    /// <summary>$1 SKUs. Every active level of those items, locked in (item_id, warehouse_id) order like every other writer.</summary>
    public const string LockLevels = """
        SELECT l.item_id, i.sku, l.warehouse_id, w.code, w.priority, l.on_hand, l.reserved, i.low_stock_threshold, i.overstock_threshold
        FROM inventory.items i
        JOIN inventory.stock_levels l ON l.item_id = i.id
        JOIN inventory.warehouses w ON w.id = l.warehouse_id
        WHERE i.sku = ANY($1) AND i.archived_at IS NULL AND w.is_active
        ORDER BY l.item_id, l.warehouse_id
        FOR UPDATE OF l
        """;

    /// <summary>$1 SKUs. Which of them exist, for requests whose SKUs had no level to lock.</summary>
    public const string KnownSkus = "SELECT sku FROM inventory.items WHERE sku = ANY($1) AND archived_at IS NULL";

    /// <summary>$1 item ids, $2 warehouse ids, $3 quantities, $4 now.</summary>
    public const string HoldStock = """
        UPDATE inventory.stock_levels l SET reserved = l.reserved + d.quantity, updated_at = $4
        FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS d(item_id, warehouse_id, quantity)
        WHERE l.item_id = d.item_id AND l.warehouse_id = d.warehouse_id
        """;

    /// <summary>$1 ids, $2 order ids, $3 requested warehouses, $4 strategies, $5 expiry, $6 now.</summary>
    public const string InsertReservations = """
        INSERT INTO inventory.reservations (id, order_id, status, requested_warehouse_id, strategy, expires_at, created_at, updated_at)
        SELECT r.id, r.order_id, 'Active', r.warehouse_id, r.strategy, r.expires_at, $6, $6
        FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[]) AS r(id, order_id, warehouse_id, strategy, expires_at)
        """;

    /// <summary>$1 reservation ids, $2 item ids, $3 warehouse ids, $4 SKUs, $5 quantities.</summary>
    public const string InsertAllocations = """
        INSERT INTO inventory.reservation_allocations (reservation_id, item_id, warehouse_id, sku, quantity)
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[])
        """;

    /// <summary>$1 movement ids, $2 item ids, $3 warehouse ids, $4 quantities, $5 actors, $6 reservation ids, $7 now.</summary>
    public const string InsertMovements = """
        INSERT INTO inventory.stock_movements (id, item_id, warehouse_id, type, on_hand_delta, reserved_delta, incoming_delta, actor, reservation_id, occurred_at)
        SELECT m.id, m.item_id, m.warehouse_id, 'Reserve', 0, m.quantity, 0, m.actor, m.reservation_id, $7
        FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::uuid[]) AS m(id, item_id, warehouse_id, quantity, actor, reservation_id)
        """;

    /// <summary>$1 keys, $2 status codes, $3 response bodies, $4 reservation ids.</summary>
    public const string StoreResults = """
        UPDATE inventory.idempotency_keys k SET status_code = d.status_code, response = d.response::jsonb, reservation_id = d.reservation_id
        FROM unnest($1::text[], $2::int[], $3::text[], $4::uuid[]) AS d(key, status_code, response, reservation_id)
        WHERE k.key = d.key
        """;

    /// <summary>$1 keys of requests that were not executed (invalid), so a corrected retry may reuse them.</summary>
    public const string ForgetKeys = "DELETE FROM inventory.idempotency_keys WHERE key = ANY($1)";
}
