using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Matching.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ProfileIdentitySpans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Identity",
                table: "MatchProfiles",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Identity",
                table: "MatchProfiles");
        }
    }
}
