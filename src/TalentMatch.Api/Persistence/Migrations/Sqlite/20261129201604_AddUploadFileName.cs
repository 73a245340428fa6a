using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddUploadFileName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FileName",
                table: "Jobs",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FileName",
                table: "Candidates",
                type: "TEXT",
                maxLength: 255,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FileName",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "FileName",
                table: "Candidates");
        }
    }
}
