using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;
using TalentMatch.Modules.Insights;
using TalentMatch.Modules.Insights.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// <c>since=</c> selects a tenant's jobs by <see cref="InsightJob.PostedDay"/> in the database (ADR 0013): in SQLite and
/// PostgreSQL, jobs stored before the column existed (given their day by the migration, from instants at other offsets
/// and a hair before midnight) and jobs stored after (by the model) are chosen exactly as "posted at or after midnight
/// UTC of that day" chooses them in memory, another tenant's never; and with two dimensions, the narrowest view's
/// index leads and the answer is the plain filter's.
/// </summary>
public sealed class InsightSinceWindowTests
{
    private const string Tenant = "since-tenant";
    private const string Other = "since-other";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posted before the migration, as each provider stores an instant; the UTC day each must get.</summary>
    private static readonly (string Sqlite, string PostgreSql, DateOnly Day)[] Legacy =
    [
        ("2026-10-31 23:00:00-02:00", "2026-10-31 23:00:00-02:00", new(2026, 11, 1)),
        ("2026-10-31 22:00:00+00:00", "2026-10-31 22:00:00+00:00", new(2026, 10, 31)),
        ("2026-11-30 23:59:59.9999999+00:00", "2026-11-30 23:59:59.999999+00", new(2026, 11, 30)),
        ("2026-12-01 00:30:00+01:00", "2026-12-01 00:30:00+01", new(2026, 11, 30)),
    ];

    [Fact]
    public async Task Since_chooses_by_posted_day_in_sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("talentmatch-since-");
        try
        {
            var connection = $"Data Source={Path.Combine(folder.FullName, "insights.db")};Pooling=false";
            await CheckAsync(() => new SqliteInsightsDbContext(new DbContextOptionsBuilder<SqliteInsightsDbContext>().UseSqlite(connection).Options), sqlite: true);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Since_chooses_by_posted_day_in_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await CheckAsync(() => new PostgreSqlInsightsDbContext(new DbContextOptionsBuilder<PostgreSqlInsightsDbContext>().UseNpgsql(database.ConnectionString).Options), sqlite: false);
    }

    private static async Task CheckAsync(Func<InsightsDbContext> open, bool sqlite)
    {
        await using (var db = open())
        {
            var before = db.Database.GetMigrations().Single(m => m.EndsWith("_InsightViewShortlistsAndJobDimensions", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(before, Ct);
            foreach (var (i, legacy) in Legacy.Index())
            {
                var posted = sqlite ? $"'{legacy.Sqlite}'" : $"'{legacy.PostgreSql}'::timestamptz";
                var openColumn = sqlite ? "1" : "TRUE";
#pragma warning disable EF1002 // constants of this test, no input
                await db.Database.ExecuteSqlRawAsync(
                    $"""INSERT INTO "InsightJobs" ("TenantId", "Id", "Revision", "Open", "Posted", "City", "Seniority", "Category", "Required", "Preferred") VALUES ('{Tenant}', '{Guid.NewGuid().ToString().ToUpperInvariant()}', 1, {openColumn}, {posted}, 'Shenzhen', 'senior', NULL, 'pytorch', 'cuda')""",
                    Ct);
#pragma warning restore EF1002
            }

            await db.Database.MigrateAsync(Ct);
            var days = await db.Jobs.Where(j => j.TenantId == Tenant).Select(j => j.PostedDay).ToListAsync(Ct);
            Assert.Equal(Legacy.Select(l => l.Day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber).Order(), days.Order());

            // After the migration: jobs stored by the model, for both tenants, around the same midnights.
            var random = new Random(7);
            var start = new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero);
            var skills = SkillExtractor.Default.Taxonomy.Skills.Where(s => s.Kind == SkillKind.Skill).Take(12).Select(s => s.Id).ToArray();
            foreach (var tenant in new[] { Tenant, Tenant, Other })
            {
                for (var i = 0; i < 60; i++)
                {
                    db.Jobs.Add(new InsightJob
                    {
                        TenantId = tenant, Id = Guid.NewGuid(), Revision = 1, Open = random.NextDouble() < 0.8,
                        Posted = start.AddMinutes(random.Next(0, 60 * 24 * 50)).ToOffset(sqlite ? TimeSpan.FromHours(random.Next(-8, 9)) : TimeSpan.Zero), // Npgsql writes UTC only
                        City = random.NextDouble() < 0.5 ? "Shenzhen" : "Remote", Seniority = random.NextDouble() < 0.5 ? "senior" : "junior",
                        Required = string.Join(' ', skills.Where(_ => random.NextDouble() < 0.3)), Preferred = "",
                        Currency = "CNY", MonthlyMidpoint = random.Next(10, 60) * 1_000m, AnnualMidpoint = null,
                    });
                }
            }

            await db.SaveChangesAsync(Ct);
        }

        await using (var db = open())
        {
            var all = (await db.Jobs.AsNoTracking().Where(j => j.TenantId == Tenant).ToListAsync(Ct)).Select(j => j.ToMarketJob()).ToList();
            Assert.Equal(Legacy.Length + 120, all.Count);
            foreach (var since in new[] { "2026-10-31", "2026-11-01", "2026-11-30", "2026-12-01", "2026-12-09", "2027-01-01" })
            {
                foreach (var (status, city, seniority) in new[] { ((string?)null, (string?)null, (string?)null), ("all", null, null), (null, "Shenzhen", null), ("all", "Shenzhen", "senior") })
                {
                    Assert.True(InsightFilter.TryParse(status, since, city, seniority, null, out var filter, out _));
                    var expected = all.Where(j => j.Posted >= filter.Since && (status == "all" || j.Open) && (city is null || j.City == city) && (seniority is null || j.Seniority == seniority)).ToList();
                    var chosen = await filter.JobsAsync(db, Tenant, Ct, withIds: true);
                    Assert.Equal(expected.Select(j => j.Id).Order(), chosen.Select(j => j.Id).Order());
                    var report = await InsightsEndpoints.SkillsReportAsync(db, Tenant, filter, _ => true, 50, tallies: true, Ct);
                    Assert.Equal(JsonSerializer.Serialize(MarketInsights.Summarise(expected, SkillExtractor.Default.Taxonomy, 50, trend: true)), JsonSerializer.Serialize(report));
                }
            }

            Assert.Contains(all, j => j.Posted < new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)); // windows that leave jobs out
        }
    }
}
