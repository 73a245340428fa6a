using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Insights.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InsightCandidateTalliesAndJobSkills : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InsightJobSkills",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Skill = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightJobSkills", x => new { x.TenantId, x.Skill, x.JobId });
                });

            // Supply's candidates are now counted in the tallies (TallyKind.Candidates, CandidateYears; ADR 0013, "The
            // candidates' side and a profile's jobs"), and a candidate's years are kept to hundredths: the tallies kept so far
            // have no candidates, and InsightJobSkills (/salaries' index) is written by the same build. Emptied with the
            // shortlists read from them, each tenant's are rebuilt from its facts at the next start
            // (InsightTallyRebuilder) or on its next change (InsightTallies.LockAsync); until then reads scan the facts.
            // Years as the consumer now stores them (0-100, hundredths), so that a median from the counts equals the scan's.
            migrationBuilder.Sql("UPDATE \"InsightCandidates\" SET \"Years\" = round(LEAST(GREATEST(\"Years\", 0), 100)::numeric, 2) WHERE \"Years\" IS NOT NULL;");
            migrationBuilder.Sql("DELETE FROM \"InsightShortlistPartners\";");
            migrationBuilder.Sql("DELETE FROM \"InsightShortlists\";");
            migrationBuilder.Sql("DELETE FROM \"InsightTallies\";");
            migrationBuilder.Sql("DELETE FROM \"InsightTenants\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InsightJobSkills");
        }
    }
}
