using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Insights.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InsightJobPostedDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_Open_Posted",
                table: "InsightJobs");

            migrationBuilder.AddColumn<int>(
                name: "PostedDay",
                table: "InsightJobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Jobs kept before this column: their day, in UTC.
            migrationBuilder.Sql("UPDATE \"InsightJobs\" SET \"PostedDay\" = floor(extract(epoch FROM \"Posted\") / 86400)::integer;");

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_PostedDay",
                table: "InsightJobs",
                columns: new[] { "TenantId", "PostedDay" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_PostedDay",
                table: "InsightJobs");

            migrationBuilder.DropColumn(
                name: "PostedDay",
                table: "InsightJobs");

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_Open_Posted",
                table: "InsightJobs",
                columns: new[] { "TenantId", "Open", "Posted" });
        }
    }
}
