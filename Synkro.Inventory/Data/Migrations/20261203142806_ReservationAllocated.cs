using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Synkro.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReservationAllocated : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_reservations_status",
                schema: "inventory",
                table: "reservations");

            migrationBuilder.AddCheckConstraint(
                name: "ck_reservations_status",
                schema: "inventory",
                table: "reservations",
                sql: "status IN ('Active', 'Allocated', 'Committed', 'Released', 'Expired')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_reservations_status",
                schema: "inventory",
                table: "reservations");

            migrationBuilder.AddCheckConstraint(
                name: "ck_reservations_status",
                schema: "inventory",
                table: "reservations",
                sql: "status IN ('Active', 'Committed', 'Released', 'Expired')");
        }
    }
}
