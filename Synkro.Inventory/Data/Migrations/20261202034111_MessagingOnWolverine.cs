using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Synkro.Inventory.Data.Migrations
{
    /// <summary>
    /// Messaging moved to Wolverine, whose envelope tables (schema <c>wolverine</c>) Wolverine creates
    /// itself and the model maps with ExcludeFromMigrations. This drops what Synkro's own event bus
    /// left: its outbox, inbox, NOTIFY trigger and function, all in schema <c>messaging</c>.
    /// </summary>
    public partial class MessagingOnWolverine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP SCHEMA IF EXISTS messaging CASCADE;");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: the old event bus created its own tables at startup.
        }
    }
}
