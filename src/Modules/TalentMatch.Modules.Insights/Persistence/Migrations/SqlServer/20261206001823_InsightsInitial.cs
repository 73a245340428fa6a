using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Insights.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InsightsInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InsightCandidates",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    Skills = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Years = table.Column<double>(type: "float", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightCandidates", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "InsightJobs",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    Open = table.Column<bool>(type: "bit", nullable: false),
                    Posted = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    City = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Seniority = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Category = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Required = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Preferred = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: true),
                    MonthlyMidpoint = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    AnnualMidpoint = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightJobs", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "InsightProcessedMessages",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Consumer = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ProcessedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightProcessedMessages", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateIndex(
                name: "IX_InsightJobs_TenantId_Open_Posted",
                table: "InsightJobs",
                columns: new[] { "TenantId", "Open", "Posted" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightProcessedMessages_ProcessedAtMs",
                table: "InsightProcessedMessages",
                column: "ProcessedAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InsightCandidates");

            migrationBuilder.DropTable(
                name: "InsightJobs");

            migrationBuilder.DropTable(
                name: "InsightProcessedMessages");
        }
    }
}
