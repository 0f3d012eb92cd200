using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Synkro.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "inventory");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                schema: "inventory",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    response = table.Column<string>(type: "jsonb", nullable: true),
                    reservation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "items",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    attributes = table.Column<string>(type: "jsonb", nullable: true),
                    price = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    low_stock_threshold = table.Column<int>(type: "integer", nullable: true),
                    overstock_threshold = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    search_text = table.Column<string>(type: "text", nullable: false, computedColumnSql: "sku::text || ' ' || name::text", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_items", x => x.id);
                    table.CheckConstraint("ck_items_low_stock_threshold", "low_stock_threshold >= 0");
                    table.CheckConstraint("ck_items_overstock_threshold", "overstock_threshold > 0 AND overstock_threshold > coalesce(low_stock_threshold, 0)");
                    table.CheckConstraint("ck_items_price", "price IS NULL OR (price >= 0 AND currency IS NOT NULL)");
                });

            migrationBuilder.CreateTable(
                name: "reservations",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    requested_warehouse_id = table.Column<Guid>(type: "uuid", nullable: true),
                    strategy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reservations", x => x.id);
                    table.CheckConstraint("ck_reservations_status", "status IN ('Active', 'Committed', 'Released', 'Expired')");
                });

            migrationBuilder.CreateTable(
                name: "warehouses",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address_line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    address_line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    state = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    postal_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    country = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: true),
                    contact_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    contact_phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    contact_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_warehouses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_levels",
                schema: "inventory",
                columns: table => new
                {
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    on_hand = table.Column<int>(type: "integer", nullable: false),
                    reserved = table.Column<int>(type: "integer", nullable: false),
                    available = table.Column<int>(type: "integer", nullable: false, computedColumnSql: "on_hand - reserved", stored: true),
                    incoming = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_levels", x => new { x.item_id, x.warehouse_id });
                    table.CheckConstraint("ck_stock_levels_incoming_nonnegative", "incoming >= 0");
                    table.CheckConstraint("ck_stock_levels_reserved_nonnegative", "reserved >= 0");
                    table.CheckConstraint("ck_stock_levels_reserved_within_on_hand", "reserved <= on_hand");
                    table.ForeignKey(
                        name: "fk_stock_levels_items_item_id",
                        column: x => x.item_id,
                        principalSchema: "inventory",
                        principalTable: "items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_levels_warehouses_warehouse_id",
                        column: x => x.warehouse_id,
                        principalSchema: "inventory",
                        principalTable: "warehouses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "transfers",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    from_warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    received_quantity = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    shipped_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    shipped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfers", x => x.id);
                    table.CheckConstraint("ck_transfers_quantity", "quantity > 0 AND (received_quantity IS NULL OR received_quantity >= 0)");
                    table.CheckConstraint("ck_transfers_warehouses", "from_warehouse_id <> to_warehouse_id");
                    table.ForeignKey(
                        name: "fk_transfers_items_item_id",
                        column: x => x.item_id,
                        principalSchema: "inventory",
                        principalTable: "items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transfers_warehouses_from_warehouse_id",
                        column: x => x.from_warehouse_id,
                        principalSchema: "inventory",
                        principalTable: "warehouses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transfers_warehouses_to_warehouse_id",
                        column: x => x.to_warehouse_id,
                        principalSchema: "inventory",
                        principalTable: "warehouses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reservation_allocations",
                schema: "inventory",
                columns: table => new
                {
                    reservation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reservation_allocations", x => new { x.reservation_id, x.item_id, x.warehouse_id });
                    table.CheckConstraint("ck_reservation_allocations_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_reservation_allocations_reservations_reservation_id",
                        column: x => x.reservation_id,
                        principalSchema: "inventory",
                        principalTable: "reservations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reservation_allocations_stock_levels_item_id_warehouse_id",
                        columns: x => new { x.item_id, x.warehouse_id },
                        principalSchema: "inventory",
                        principalTable: "stock_levels",
                        principalColumns: new[] { "item_id", "warehouse_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stock_movements",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    on_hand_delta = table.Column<int>(type: "integer", nullable: false),
                    reserved_delta = table.Column<int>(type: "integer", nullable: false),
                    incoming_delta = table.Column<int>(type: "integer", nullable: false),
                    reason_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reservation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    transfer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_movements", x => x.id);
                    table.ForeignKey(
                        name: "fk_stock_movements_stock_levels_item_id_warehouse_id",
                        columns: x => new { x.item_id, x.warehouse_id },
                        principalSchema: "inventory",
                        principalTable: "stock_levels",
                        principalColumns: new[] { "item_id", "warehouse_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_created_at",
                schema: "inventory",
                table: "idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_items_category_sku",
                schema: "inventory",
                table: "items",
                columns: new[] { "category", "sku" });

            migrationBuilder.CreateIndex(
                name: "ix_items_search_text",
                schema: "inventory",
                table: "items",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_items_search_text_gist",
                schema: "inventory",
                table: "items",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gist")
                .Annotation("Npgsql:IndexOperators", new[] { "gist_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_items_sku",
                schema: "inventory",
                table: "items",
                column: "sku",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reservation_allocations_item_id_warehouse_id",
                schema: "inventory",
                table: "reservation_allocations",
                columns: new[] { "item_id", "warehouse_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reservations_expires_at",
                schema: "inventory",
                table: "reservations",
                column: "expires_at",
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ix_reservations_order_id",
                schema: "inventory",
                table: "reservations",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_levels_warehouse_id",
                schema: "inventory",
                table: "stock_levels",
                column: "warehouse_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_item_id_warehouse_id_id",
                schema: "inventory",
                table: "stock_movements",
                columns: new[] { "item_id", "warehouse_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_reservation_id",
                schema: "inventory",
                table: "stock_movements",
                column: "reservation_id",
                filter: "reservation_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_transfers_from_warehouse_id",
                schema: "inventory",
                table: "transfers",
                column: "from_warehouse_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfers_item_id",
                schema: "inventory",
                table: "transfers",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfers_status",
                schema: "inventory",
                table: "transfers",
                column: "status",
                filter: "status = 'InTransit'");

            migrationBuilder.CreateIndex(
                name: "ix_transfers_to_warehouse_id",
                schema: "inventory",
                table: "transfers",
                column: "to_warehouse_id");

            migrationBuilder.CreateIndex(
                name: "ix_warehouses_code",
                schema: "inventory",
                table: "warehouses",
                column: "code",
                unique: true);

            // The ledger is append-only, whoever connects: history that can be rewritten explains nothing.
            migrationBuilder.Sql("""
                CREATE FUNCTION inventory.reject_ledger_rewrite() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'inventory.stock_movements is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation'; END $$;
                CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON inventory.stock_movements
                    FOR EACH STATEMENT EXECUTE FUNCTION inventory.reject_ledger_rewrite();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER stock_movements_append_only ON inventory.stock_movements; DROP FUNCTION inventory.reject_ledger_rewrite();");

            migrationBuilder.DropTable(
                name: "idempotency_keys",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "reservation_allocations",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "stock_movements",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "transfers",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "reservations",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "stock_levels",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "items",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "warehouses",
                schema: "inventory");
        }
    }
}
