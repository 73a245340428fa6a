using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Insights.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InsightJobPostedDayAndDimensionPairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_Category",
                table: "InsightJobs");

            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_City",
                table: "InsightJobs");

            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_Open_Posted",
                table: "InsightJobs");

            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_Seniority",
                table: "InsightJobs");

            migrationBuilder.AddColumn<int>(
                name: "PostedDay",
                table: "InsightJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Jobs kept before this column: their day in UTC, from the stored text (yyyy-MM-dd HH:mm:ss[.fffffff]+hh:mm) without the
            // fraction of a second, which julianday would round to the millisecond (and past midnight).
            migrationBuilder.Sql("UPDATE \"InsightJobs\" SET \"PostedDay\" = CAST(julianday(substr(\"Posted\", 1, 19) || substr(\"Posted\", -6)) - 2440587.5 AS INTEGER);");

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_Category_City",
                table: "InsightJobs",
                columns: new[] { "TenantId", "Category", "City" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_City_Seniority",
                table: "InsightJobs",
                columns: new[] { "TenantId", "City", "Seniority" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_PostedDay",
                table: "InsightJobs",
                columns: new[] { "TenantId", "PostedDay" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_Seniority_Category",
                table: "InsightJobs",
                columns: new[] { "TenantId", "Seniority", "Category" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_Category_City",
                table: "InsightJobs");

            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_City_Seniority",
                table: "InsightJobs");

            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_PostedDay",
                table: "InsightJobs");

            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_Seniority_Category",
                table: "InsightJobs");

            migrationBuilder.DropColumn(
                name: "PostedDay",
                table: "InsightJobs");

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_Category",
                table: "InsightJobs",
                columns: new[] { "TenantId", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_City",
                table: "InsightJobs",
                columns: new[] { "TenantId", "City" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_Open_Posted",
                table: "InsightJobs",
                columns: new[] { "TenantId", "Open", "Posted" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_Seniority",
                table: "InsightJobs",
                columns: new[] { "TenantId", "Seniority" });
        }
    }
}
