using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Matching.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SavedSearchAlertTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "MatchedAtMs",
                table: "MatchSavedSearchAlerts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // The alerts raised before the column existed: their time in Unix milliseconds, as the consumer now writes it.
            migrationBuilder.Sql("""
                UPDATE [MatchSavedSearchAlerts] SET [MatchedAtMs] = DATEDIFF_BIG(millisecond, CAST('1970-01-01T00:00:00+00:00' AS datetimeoffset), [MatchedAt]);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_MatchSavedSearchAlerts_TenantId_MatchedAtMs",
                table: "MatchSavedSearchAlerts",
                columns: new[] { "TenantId", "MatchedAtMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MatchSavedSearchAlerts_TenantId_MatchedAtMs",
                table: "MatchSavedSearchAlerts");

            migrationBuilder.DropColumn(
                name: "MatchedAtMs",
                table: "MatchSavedSearchAlerts");
        }
    }
}
