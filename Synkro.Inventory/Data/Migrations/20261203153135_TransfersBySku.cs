using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Synkro.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class TransfersBySku : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_transfers_sku_shipped_at",
                schema: "inventory",
                table: "transfers",
                columns: new[] { "sku", "shipped_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_transfers_sku_shipped_at",
                schema: "inventory",
                table: "transfers");
        }
    }
}
