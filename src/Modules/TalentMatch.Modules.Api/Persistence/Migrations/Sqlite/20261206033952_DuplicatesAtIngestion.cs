using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DuplicatesAtIngestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CandidateFingerprints",
                columns: table => new
                {
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CandidateFingerprints", x => x.CandidateId);
                });

            migrationBuilder.CreateTable(
                name: "DuplicateKeys",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuplicateKeys", x => new { x.TenantId, x.Key, x.CandidateId });
                });

            migrationBuilder.CreateTable(
                name: "DuplicatePairs",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SecondId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DetectedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DismissedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuplicatePairs", x => new { x.TenantId, x.FirstId, x.SecondId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateKeys_CandidateId",
                table: "DuplicateKeys",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_DuplicatePairs_TenantId_SecondId",
                table: "DuplicatePairs",
                columns: new[] { "TenantId", "SecondId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CandidateFingerprints");

            migrationBuilder.DropTable(
                name: "DuplicateKeys");

            migrationBuilder.DropTable(
                name: "DuplicatePairs");
        }
    }
}
