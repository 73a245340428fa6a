using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Insights.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InsightTallyScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Tallies gain views per city, seniority and category (MarketTally.Scopes): the counts kept so far have none.
            // Emptied with the shortlists read from them, each tenant's are rebuilt from its facts at the next start
            // (InsightTallyRebuilder) or on its next job change (InsightTallies.LockAsync); until then reads scan the facts.
            migrationBuilder.Sql("DELETE FROM \"InsightShortlistPartners\";");
            migrationBuilder.Sql("DELETE FROM \"InsightShortlists\";");
            migrationBuilder.Sql("DELETE FROM \"InsightTallies\";");
            migrationBuilder.Sql("DELETE FROM \"InsightTenants\";");

            migrationBuilder.DropPrimaryKey(
                name: "PK_InsightTallies",
                table: "InsightTallies");

            migrationBuilder.DropIndex(
                name: "IX_InsightTallies_Covering",
                table: "InsightTallies");

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "InsightTallies",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_InsightTallies",
                table: "InsightTallies",
                columns: new[] { "TenantId", "Scope", "Open", "Kind", "Key", "Other", "Bucket" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightTallies_Covering",
                table: "InsightTallies",
                columns: new[] { "TenantId", "Scope", "Open", "Kind", "Key", "Other", "Bucket", "Count", "SumCents" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_InsightTallies",
                table: "InsightTallies");

            migrationBuilder.DropIndex(
                name: "IX_InsightTallies_Covering",
                table: "InsightTallies");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "InsightTallies");

            migrationBuilder.AddPrimaryKey(
                name: "PK_InsightTallies",
                table: "InsightTallies",
                columns: new[] { "TenantId", "Open", "Kind", "Key", "Other", "Bucket" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightTallies_Covering",
                table: "InsightTallies",
                columns: new[] { "TenantId", "Open", "Kind", "Key", "Other", "Bucket", "Count", "SumCents" });
        }
    }
}
