using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Matching.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditTrailHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "MatchProfiles",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MatchAuditHeads",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    ChainHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchAuditHeads", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "MatchAuditInputs",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchAuditInputs", x => new { x.TenantId, x.Kind, x.Id, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "MatchAuditRecords",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecordedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: true),
                    KeyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Header = table.Column<string>(type: "TEXT", nullable: true),
                    HeaderHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChainHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ErasedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchAuditRecords", x => new { x.TenantId, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "MatchAuditRows",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Content = table.Column<string>(type: "TEXT", nullable: true),
                    RowHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchAuditRows", x => new { x.TenantId, x.Sequence, x.Position });
                    table.ForeignKey(
                        name: "FK_MatchAuditRows_MatchAuditRecords_TenantId_Sequence",
                        columns: x => new { x.TenantId, x.Sequence },
                        principalTable: "MatchAuditRecords",
                        principalColumns: new[] { "TenantId", "Sequence" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MatchAuditRecords_Id",
                table: "MatchAuditRecords",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MatchAuditRecords_TenantId_RecordedAtMs",
                table: "MatchAuditRecords",
                columns: new[] { "TenantId", "RecordedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_MatchAuditRecords_TenantId_SubjectId",
                table: "MatchAuditRecords",
                columns: new[] { "TenantId", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_MatchAuditRows_TenantId_CandidateId",
                table: "MatchAuditRows",
                columns: new[] { "TenantId", "CandidateId" });

            migrationBuilder.CreateIndex(
                name: "IX_MatchAuditRows_TenantId_JobId",
                table: "MatchAuditRows",
                columns: new[] { "TenantId", "JobId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MatchAuditHeads");

            migrationBuilder.DropTable(
                name: "MatchAuditInputs");

            migrationBuilder.DropTable(
                name: "MatchAuditRows");

            migrationBuilder.DropTable(
                name: "MatchAuditRecords");

            migrationBuilder.DropColumn(
                name: "Model",
                table: "MatchProfiles");
        }
    }
}
