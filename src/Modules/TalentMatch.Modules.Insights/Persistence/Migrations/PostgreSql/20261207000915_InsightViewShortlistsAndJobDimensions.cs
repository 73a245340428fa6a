using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Insights.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InsightViewShortlistsAndJobDimensions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_InsightShortlists",
                table: "InsightShortlists");

            migrationBuilder.DropPrimaryKey(
                name: "PK_InsightShortlistPartners",
                table: "InsightShortlistPartners");

            migrationBuilder.DropIndex(
                name: "IX_InsightShortlistPartners_TenantId_AllJobs_Partner",
                table: "InsightShortlistPartners");

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "InsightShortlists",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "InsightShortlistPartners",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_InsightShortlists",
                table: "InsightShortlists",
                columns: new[] { "TenantId", "Scope", "AllJobs", "Skill" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_InsightShortlistPartners",
                table: "InsightShortlistPartners",
                columns: new[] { "TenantId", "Scope", "AllJobs", "Skill", "Partner" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightShortlistPartners_TenantId_Scope_AllJobs_Partner",
                table: "InsightShortlistPartners",
                columns: new[] { "TenantId", "Scope", "AllJobs", "Partner" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_Category",
                table: "InsightJobs",
                columns: new[] { "TenantId", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_City",
                table: "InsightJobs",
                columns: new[] { "TenantId", "City" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_Seniority",
                table: "InsightJobs",
                columns: new[] { "TenantId", "Seniority" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_InsightShortlists",
                table: "InsightShortlists");

            migrationBuilder.DropPrimaryKey(
                name: "PK_InsightShortlistPartners",
                table: "InsightShortlistPartners");

            migrationBuilder.DropIndex(
                name: "IX_InsightShortlistPartners_TenantId_Scope_AllJobs_Partner",
                table: "InsightShortlistPartners");

            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_Category",
                table: "InsightJobs");

            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_City",
                table: "InsightJobs");

            migrationBuilder.DropIndex(
                name: "IX_InsightJobs_TenantId_Seniority",
                table: "InsightJobs");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "InsightShortlists");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "InsightShortlistPartners");

            migrationBuilder.AddPrimaryKey(
                name: "PK_InsightShortlists",
                table: "InsightShortlists",
                columns: new[] { "TenantId", "AllJobs", "Skill" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_InsightShortlistPartners",
                table: "InsightShortlistPartners",
                columns: new[] { "TenantId", "AllJobs", "Skill", "Partner" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightShortlistPartners_TenantId_AllJobs_Partner",
                table: "InsightShortlistPartners",
                columns: new[] { "TenantId", "AllJobs", "Partner" });
        }
    }
}
