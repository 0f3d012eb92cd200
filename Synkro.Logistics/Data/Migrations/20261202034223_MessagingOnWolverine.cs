using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Synkro.Logistics.Data.Migrations
{
    /// <summary>
    /// Messaging moved to Wolverine (its envelope tables are its own, excluded from migrations); this
    /// drops what Synkro's own event bus left in schema <c>messaging</c>: outbox, inbox, trigger, function.
    /// It also creates the reserved orders logistics records from inventory's StockReserved.
    /// </summary>
    public partial class MessagingOnWolverine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA IF EXISTS messaging CASCADE;");
            migrationBuilder.EnsureSchema(
                name: "logistics");

            migrationBuilder.CreateTable(
                name: "reserved_orders",
                schema: "logistics",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reservation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    units = table.Column<int>(type: "integer", nullable: false),
                    warehouses = table.Column<int>(type: "integer", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reserved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reserved_orders", x => x.order_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reserved_orders",
                schema: "logistics");
        }
    }
}
