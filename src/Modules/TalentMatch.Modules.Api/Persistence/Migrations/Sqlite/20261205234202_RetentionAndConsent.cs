using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentMatch.Modules.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetentionAndConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CandidateRetentionDays",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RejectedRetentionDays",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentBasis",
                table: "Candidates",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConsentExpiresAt",
                table: "Candidates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConsentGivenAt",
                table: "Candidates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentSource",
                table: "Candidates",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CandidateRetentionDays",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "RejectedRetentionDays",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "ConsentBasis",
                table: "Candidates");

            migrationBuilder.DropColumn(
                name: "ConsentExpiresAt",
                table: "Candidates");

            migrationBuilder.DropColumn(
                name: "ConsentGivenAt",
                table: "Candidates");

            migrationBuilder.DropColumn(
                name: "ConsentSource",
                table: "Candidates");
        }
    }
}
