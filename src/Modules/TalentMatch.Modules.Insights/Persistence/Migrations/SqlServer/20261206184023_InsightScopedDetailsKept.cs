using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Insights.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InsightScopedDetailsKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The views of one city, seniority or category now keep the details of their common skills only, marked
            // (TallyKind.DetailsKept; ADR 0013, "Details of a view's common skills"): the counts kept so far have no marks.
            // Emptied with the shortlists read from them, each tenant's are rebuilt from its facts at the next start
            // (InsightTallyRebuilder) or on its next job change (InsightTallies.LockAsync); until then reads scan the facts.
            migrationBuilder.Sql("DELETE FROM [InsightShortlistPartners];");
            migrationBuilder.Sql("DELETE FROM [InsightShortlists];");
            migrationBuilder.Sql("DELETE FROM [InsightTallies];");
            migrationBuilder.Sql("DELETE FROM [InsightTenants];");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
