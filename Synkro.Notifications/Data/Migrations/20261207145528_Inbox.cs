using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Synkro.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class Inbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "read_at",
                schema: "notifications",
                table: "deliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.InsertData(
                schema: "notifications",
                table: "subscriptions",
                columns: new[] { "id", "channel", "created_at", "created_by", "customer_id", "event_kind", "role", "sku", "user_id", "warehouse_id" },
                values: new object[,]
                {
                    { new Guid("0193a000-0000-7000-8000-000000000004"), "in-app", new DateTimeOffset(new DateTime(2026, 12, 7, 14, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "synkro", null, "low-stock", "manager", null, null, null },
                    { new Guid("0193a000-0000-7000-8000-000000000005"), "in-app", new DateTimeOffset(new DateTime(2026, 12, 7, 14, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "synkro", null, "webhook-failing", "admin", null, null, null }
                });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_inbox",
                schema: "notifications",
                table: "deliveries",
                columns: new[] { "recipient_user_id", "id" },
                filter: "channel = 'in-app'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deliveries_inbox",
                schema: "notifications",
                table: "deliveries");

            migrationBuilder.DeleteData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000004"));

            migrationBuilder.DeleteData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000005"));

            migrationBuilder.DropColumn(
                name: "read_at",
                schema: "notifications",
                table: "deliveries");
        }
    }
}
