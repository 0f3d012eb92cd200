using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Synkro.Notifications.Data.Migrations
{
    /// <summary>
    /// Messaging moved to Wolverine (its envelope tables are its own, excluded from migrations); this
    /// drops what Synkro's own event bus left in schema <c>messaging</c>: outbox, inbox, trigger, function.
    /// </summary>
    public partial class MessagingOnWolverine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA IF EXISTS messaging CASCADE;");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
