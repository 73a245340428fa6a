using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Matching.Persistence.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // The alerts raised before the column existed: their time in Unix milliseconds, as the consumer now writes it.
            migrationBuilder.Sql("""
                UPDATE "MatchSavedSearchAlerts" SET "MatchedAtMs" = CAST(ROUND((julianday("MatchedAt") - 2440587.5) * 86400000.0) AS INTEGER);
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
