using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Synkro.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class Digests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "frequency",
                schema: "notifications",
                table: "subscriptions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "immediate");

            migrationBuilder.AddColumn<Guid>(
                name: "digest_id",
                schema: "notifications",
                table: "deliveries",
                type: "uuid",
                nullable: true);

            migrationBuilder.UpdateData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000001"),
                column: "frequency",
                value: "immediate");

            migrationBuilder.UpdateData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000002"),
                column: "frequency",
                value: "immediate");

            migrationBuilder.UpdateData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000003"),
                column: "frequency",
                value: "immediate");

            migrationBuilder.UpdateData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000004"),
                column: "frequency",
                value: "immediate");

            migrationBuilder.UpdateData(
                schema: "notifications",
                table: "subscriptions",
                keyColumn: "id",
                keyValue: new Guid("0193a000-0000-7000-8000-000000000005"),
                column: "frequency",
                value: "immediate");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_held",
                schema: "notifications",
                table: "deliveries",
                columns: new[] { "recipient", "id" },
                filter: "status = 'Held'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deliveries_held",
                schema: "notifications",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "frequency",
                schema: "notifications",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "digest_id",
                schema: "notifications",
                table: "deliveries");
        }
    }
}
