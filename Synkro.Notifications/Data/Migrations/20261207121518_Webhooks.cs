using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Synkro.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                schema: "notifications",
                table: "deliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "response_status",
                schema: "notifications",
                table: "deliveries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "webhook_id",
                schema: "notifications",
                table: "deliveries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "delivery_attempts",
                schema: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_delivery_attempts_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalSchema: "notifications",
                        principalTable: "deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_endpoints",
                schema: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    event_kinds = table.Column<List<string>>(type: "text[]", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    secret = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    failing_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_endpoints", x => x.id);
                });

            migrationBuilder.InsertData(
                schema: "notifications",
                table: "subscriptions",
                columns: new[] { "id", "channel", "created_at", "created_by", "event_kind", "role", "sku", "user_id", "warehouse_id" },
                values: new object[] { new Guid("0193a000-0000-7000-8000-000000000002"), "email", new DateTimeOffset(new DateTime(2026, 12, 7, 12, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "synkro", "webhook-failing", "admin", null, null, null });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_webhook_id",
                schema: "notifications",
                table: "deliveries",
                column: "webhook_id");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_attempts_delivery_id_number",
                schema: "notifications",
                table: "delivery_attempts",
                columns: new[] { "delivery_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delivery_attempts",
                schema: "notifications");

            migrationBuilder.DropTable(
                name: "webhook_endpoints",
                schema: "notifications");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_webhook_id",
                schema: "notifications",
                table: "deliveries");

            migrationBuilder.DeleteData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000002"));

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                schema: "notifications",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "response_status",
                schema: "notifications",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "webhook_id",
                schema: "notifications",
                table: "deliveries");
        }
    }
}
