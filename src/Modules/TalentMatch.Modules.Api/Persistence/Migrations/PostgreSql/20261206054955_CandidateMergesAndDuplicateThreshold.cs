using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Api.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CandidateMergesAndDuplicateThreshold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "DuplicateThreshold",
                table: "Tenants",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "Candidates",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CandidateMerges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SurvivorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Members = table.Column<string>(type: "text", nullable: false),
                    MergedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UndoUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UndoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CandidateMerges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Candidates_TenantId_MergedIntoId",
                table: "Candidates",
                columns: new[] { "TenantId", "MergedIntoId" });

            migrationBuilder.CreateIndex(
                name: "IX_CandidateMerges_TenantId_SurvivorId",
                table: "CandidateMerges",
                columns: new[] { "TenantId", "SurvivorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CandidateMerges");

            migrationBuilder.DropIndex(
                name: "IX_Candidates_TenantId_MergedIntoId",
                table: "Candidates");

            migrationBuilder.DropColumn(
                name: "DuplicateThreshold",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Candidates");
        }
    }
}
