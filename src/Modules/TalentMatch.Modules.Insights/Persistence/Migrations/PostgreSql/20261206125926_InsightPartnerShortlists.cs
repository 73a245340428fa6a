using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Insights.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InsightPartnerShortlists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A skill's pay buckets changed width (MarketTally.SkillBucketRatio): counts kept under the old ones cannot be
            // taken away under the new. Emptied, each tenant's tallies are rebuilt from its facts on its next job change
            // (InsightTallies.LockAsync); until then /v1/insights/skills scans the facts.
            migrationBuilder.Sql("DELETE FROM \"InsightTallies\";");
            migrationBuilder.Sql("DELETE FROM \"InsightTenants\";");

            migrationBuilder.CreateTable(
                name: "InsightShortlistPartners",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AllJobs = table.Column<bool>(type: "boolean", nullable: false),
                    Skill = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Partner = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Together = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightShortlistPartners", x => new { x.TenantId, x.AllJobs, x.Skill, x.Partner });
                });

            migrationBuilder.CreateTable(
                name: "InsightShortlists",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AllJobs = table.Column<bool>(type: "boolean", nullable: false),
                    Skill = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    FloorTogether = table.Column<long>(type: "bigint", nullable: false),
                    FloorAsking = table.Column<long>(type: "bigint", nullable: false),
                    Kept = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightShortlists", x => new { x.TenantId, x.AllJobs, x.Skill });
                });

            migrationBuilder.CreateIndex(
                name: "IX_InsightTallies_Covering",
                table: "InsightTallies",
                columns: new[] { "TenantId", "Open", "Kind", "Key", "Other", "Bucket", "Count", "SumCents" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightShortlistPartners_TenantId_AllJobs_Partner",
                table: "InsightShortlistPartners",
                columns: new[] { "TenantId", "AllJobs", "Partner" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to the old buckets: emptied as on the way up, rebuilt on each tenant's next job change.
            migrationBuilder.Sql("DELETE FROM \"InsightTallies\";");
            migrationBuilder.Sql("DELETE FROM \"InsightTenants\";");

            migrationBuilder.DropTable(
                name: "InsightShortlistPartners");

            migrationBuilder.DropTable(
                name: "InsightShortlists");

            migrationBuilder.DropIndex(
                name: "IX_InsightTallies_Covering",
                table: "InsightTallies");
        }
    }
}
