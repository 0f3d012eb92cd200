using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Synkro.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrderNews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "customer_id",
                schema: "notifications",
                table: "subscriptions",
                type: "uuid",
                nullable: true);

            migrationBuilder.UpdateData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000001"),
                column: "customer_id",
                value: null);

            migrationBuilder.UpdateData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000002"),
                column: "customer_id",
                value: null);

            migrationBuilder.InsertData(
                schema: "notifications",
                table: "subscriptions",
                columns: new[] { "id", "channel", "created_at", "created_by", "customer_id", "event_kind", "role", "sku", "user_id", "warehouse_id" },
                values: new object[] { new Guid("0193a000-0000-7000-8000-000000000003"), "email", new DateTimeOffset(new DateTime(2026, 12, 7, 13, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "synkro", null, "order-status", "customer", null, null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000003"));

            migrationBuilder.DropColumn(
                name: "customer_id",
                schema: "notifications",
                table: "subscriptions");
        }
    }
}
