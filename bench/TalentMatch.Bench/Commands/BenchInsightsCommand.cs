using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;
using TalentMatch.Modules.Insights;
using TalentMatch.Modules.Insights.Persistence;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench insights --jobs N</c>: the market insights aggregation (<see cref="MarketInsights"/>, what
/// <c>GET /v1/insights/skills</c> and <c>/salaries</c> run per request) over N generated jobs of one tenant, in memory:
/// 4-14 skills each from the taxonomy (skewed: a few skills in many jobs, a long tail), 16 cities, 5 seniorities,
/// 24 months, 90 % CNY monthly pay, 5 % USD, 5 % none. Reports p50/p95 per query kind, and as the baseline of the
/// same run one pass that only counts jobs per skill (no aggregation can be cheaper); then the same report as the
/// service makes it from the running tallies (ADR 0013) of the same jobs in a SQLite database, reading them included:
/// every pair of the listed skills (before) against the partner shortlists (after), with the rows each reads and
/// whether both gave the same answer. Prints JSON.
/// </summary>
internal static class BenchInsightsCommand
{
    private static readonly string[] Cities = ["beijing", "shanghai", "shenzhen", "hangzhou", "san francisco", "new york", "seattle", "london", "berlin", "paris", "zurich", "singapore", "tokyo", "toronto", "bangalore", "remote"];
    private static readonly string[] Seniorities = ["junior", "mid", "senior", "staff", "principal"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var jobs = new Option<int>("--jobs") { Description = "Jobs of the tenant.", DefaultValueFactory = _ => 100_000 };
        var queries = new Option<int>("--queries") { Description = "Requests per kind.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
        var candidates = new Option<int>("--candidates") { Description = "Candidates of the tenant (for /supply).", DefaultValueFactory = _ => 10_000 };
        var databaseOnly = new Option<bool>("--database-only") { Description = "Only the reports read from the database (skips the in-memory scans)." };
        var rowsOnly = new Option<bool>("--rows-only") { Description = "Only count the tally rows per view and kind (builds no database, times nothing)." };
        var keep = new Option<DirectoryInfo?>("--keep-database") { Description = "Build the database in this folder and keep it; where it is already there (same --jobs, --candidates and --seed), migrate and reuse it." };
        var command = new Command("insights", "Market insights aggregation: p50/p95 per query kind over N jobs.") { jobs, candidates, queries, seed, databaseOnly, rowsOnly, keep };
        command.SetAction(parse => parse.GetValue(rowsOnly)
            ? CountRows(parse.GetValue(jobs), parse.GetValue(seed), parse.InvocationConfiguration.Output)
            : Run(parse.GetValue(jobs), parse.GetValue(candidates), parse.GetValue(queries), parse.GetValue(seed), parse.GetValue(databaseOnly), parse.GetValue(keep), parse.InvocationConfiguration.Output));
        return command;
    }

    private static readonly int[] Thresholds = [10, 20, 50, 100, 200, 400];

    /// <summary>
    /// Where the tally rows go: per view kind (all jobs, city, seniority, category) and count kind, before (every view
    /// keeps every skill's details) and after (a view keeps the details of skills asked for by
    /// <see cref="MarketTally.ScopedDetailsFrom"/> of its jobs), how many count fewer than 3 jobs, how many views' details
    /// other thresholds would keep, and the rows one more job's change writes.
    /// </summary>
    private static int CountRows(int jobCount, int seed, TextWriter output)
    {
        var jobs = GenerateJobs(jobCount, new Random(seed), out _, out _);
        var before = InsightTallies.Deltas(jobs.Select(j => (j, +1)), (_, _) => true);
        var after = InsightTallies.Built(jobs, [], MarketTally.ScopedDetailsFrom);
        static Dictionary<string, object> PerKind(IEnumerable<(string Scope, bool Open, (TallyKind Kind, string Key, string Other, int Bucket) Slot, long Count, long Cents)> tallies) =>
            tallies.GroupBy(t => $"{(t.Scope.Length == 0 ? "all" : t.Scope[..t.Scope.IndexOf(':', StringComparison.Ordinal)])}/{t.Slot.Kind}")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (object)new { rows = g.Count(), belowListable = g.Count(t => t.Count < MarketInsights.MinimumJobsTogether) });
        var skillCounts = before.Where(t => t.Slot.Kind == TallyKind.Skill).ToDictionary(t => (t.Scope, t.Slot.Key), t => t.Count);
        var scopedDetails = before.Where(t => t.Scope != "" && MarketTally.IsDetail(new Tally(t.Slot.Kind, t.Slot.Key, t.Slot.Other, t.Slot.Bucket, t.Count, t.Cents))).ToList();
        var kept = after.Where(t => t.Slot.Kind == TallyKind.DetailsKept).Select(t => (t.Scope, t.Slot.Key)).ToHashSet();
        // One more job's change against the built tallies: what the consumer adds (the rows it reads and writes).
        var next = GenerateJobs(1_000, new Random(seed + 1), out _, out _);
        output.WriteLine(JsonSerializer.Serialize(new
        {
            jobs = jobCount,
            detailsFrom = MarketTally.ScopedDetailsFrom,
            tallyRowsBefore = before.Count,
            tallyRowsAfter = after.Count,
            viewsSkillsKept = kept.Count,
            rowsPerJobChangeBefore = next.Average(j => InsightTallies.Deltas([(j, +1)], (_, _) => true).Count),
            rowsPerJobChangeAfter = next.Average(j => InsightTallies.Deltas([(j, +1)], (scope, skill) => kept.Contains((scope, skill))).Count),
            scopedDetailsBefore = scopedDetails.Count,
            scopedDetailsKeptFrom = Thresholds.ToDictionary(k => $"{k:D}", k => scopedDetails.Count(t => skillCounts[(t.Scope, t.Slot.Key)] >= k)),
            before = PerKind(before),
            after = PerKind(after),
        }, Indented));
        return 0;
    }

    private static List<MarketJob> GenerateJobs(int jobCount, Random random, out string[] skills, out string[] roles)
    {
        var taxonomy = SkillTaxonomy.LoadDefault();
        skills = taxonomy.Skills.Where(s => s.Kind == SkillKind.Skill).Select(s => s.Id).ToArray();
        roles = taxonomy.Skills.Where(s => s.Kind == SkillKind.Role).Select(s => s.Id).ToArray();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (s, r) = (skills, roles);
        return [.. Enumerable.Range(0, jobCount).Select(i => Generate(i, s, r, start, random))];
    }

    private static int Run(int jobCount, int candidateCount, int queryCount, int seed, bool databaseOnly, DirectoryInfo? keep, TextWriter output)
    {
        var taxonomy = SkillTaxonomy.LoadDefault();
        var random = new Random(seed);
        var jobs = GenerateJobs(jobCount, random, out var skills, out var roles);
        var people = Enumerable.Range(0, candidateCount)
            .Select(_ => (Skills: string.Join(' ', Enumerable.Range(0, random.Next(3, 16)).Select(_ => skills[(int)(skills.Length * Math.Pow(random.NextDouble(), 2))]).Distinct()), Years: random.NextDouble() < 0.8 ? (double?)random.Next(0, 25) : null))
            .ToList();

        string[] profile = [skills[0], skills[1]];
        var baseline = databaseOnly ? null : Time(queryCount, () => MarketInsights.BySkill(jobs, j => j.Skills).Count);
        var all = databaseOnly ? null : Time(queryCount, () => MarketInsights.Summarise(jobs, taxonomy, 50, trend: true).Skills.Count);
        var city = databaseOnly ? null : Time(queryCount, () => MarketInsights.Summarise([.. jobs.Where(j => j.City == "shenzhen")], taxonomy, 50, trend: true).Skills.Count);
        var salaries = databaseOnly ? null : Time(queryCount, () => MarketInsights.Salaries(jobs.Where(j => profile.All(id => j.Skills.Contains(id, StringComparer.Ordinal))), 1000).Count);

        // The running tallies (ADR 0013) as the facts consumer keeps them, summed per slot, in a SQLite database (the
        // embedded default) with the insights migrations, and the partner shortlists built by the writer's own refresh.
        // Each request then runs what GET /v1/insights/skills runs, on a new context as a request gets one: before, every
        // pair of the listed skills (the baseline); after, the shortlists.
        var folder = keep ?? Directory.CreateTempSubdirectory("talentmatch-bench-insights-");
        try
        {
            folder.Create();
            var file = Path.Combine(folder.FullName, $"insights-{jobCount}-{candidateCount}-{seed}.db");
            var database = $"Data Source={file}";
            var build = Stopwatch.StartNew();
            // A kept database counts only once its build finished (a build cut short leaves no mark and is built again).
            var built = file + ".built";
            var reused = File.Exists(built);
            foreach (var part in reused ? [] : new[] { file, file + "-wal", file + "-shm" }) File.Delete(part);
            var tallyRows = reused ? MigrateAsync(database).GetAwaiter().GetResult() : BuildDatabaseAsync(database, jobs, people).GetAwaiter().GetResult();
            File.WriteAllText(built, "");
            var buildSeconds = Math.Round(build.Elapsed.TotalSeconds, 1);
            // The service's process holds neither the generated jobs nor their tallies: let them go before timing it.
            jobs = [];
            GC.Collect();
            var read = new Dictionary<bool, (int Rows, int Undecided, string Answer)>();
            object TimeDatabase(bool pruned) => Time(queryCount, () =>
            {
                using var db = Open(database);
                var (report, rows, undecided, _) = InsightTallies.SummariseAsync(db, Tenant, "", openOnly: true, _ => true, 50, pruned, CancellationToken.None).GetAwaiter().GetResult();
                read[pruned] = (rows, undecided, JsonSerializer.Serialize(report));
                return report.Skills.Count;
            });
            var before = TimeDatabase(pruned: false);
            var after = TimeDatabase(pruned: true);
            var endpoints = BenchInsightsEndpoints.Run(database, Tenant, roles[0], [skills[0], skills[1]], queryCount);

            output.WriteLine(JsonSerializer.Serialize(new
            {
                jobs = jobCount,
                queries = queryCount,
                processors = Environment.ProcessorCount,
                baselineCountPerSkillMs = baseline,
                skillsAllJobsMs = all,
                skillsOneCityMs = city,
                salariesTwoSkillProfileMs = salaries,
                tallyRows,
                databaseBuildSeconds = buildSeconds,
                databaseReused = reused,
                skillsFromTalliesAllPairsMs = before,
                skillsFromTalliesAllPairsRowsRead = read[false].Rows,
                skillsFromTalliesShortlistsMs = after,
                skillsFromTalliesShortlistsRowsRead = read[true].Rows,
                skillsWithoutDecidingShortlist = read[true].Undecided,
                sameAnswer = read[true].Answer == read[false].Answer,
                candidates = candidateCount,
                endpoints,
            }, Indented));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (keep is null) folder.Delete(recursive: true);
        }

        return 0;
    }

    private const string Tenant = "bench";

    private static readonly string[] IndexColumns = ["$tenant", "$skill", "$job"];

    private static readonly string[] Columns = ["$tenant", "$scope", "$kind", "$key", "$other", "$bucket", "$count", "$cents"];

    internal static SqliteInsightsDbContext Open(string database) =>
        new(new DbContextOptionsBuilder<SqliteInsightsDbContext>().UseSqlite(database).Options);

    /// <summary>A kept database (<c>--keep-database</c>) brought to the current migrations: its tally rows.</summary>
    private static async Task<int> MigrateAsync(string database)
    {
        await using var db = Open(database);
        await db.Database.MigrateAsync();
        return await db.Tallies.CountAsync();
    }

    /// <summary>
    /// The migrated database with the tallies inserted in one transaction (the consumer would take hours to write them one
    /// job at a time), then the shortlists over open jobs from <c>InsightShortlists.RefreshAllAsync</c> (all jobs and each view's marked skills), as the writer builds them.
    /// </summary>
    private static async Task<int> BuildDatabaseAsync(string database, IReadOnlyList<MarketJob> jobs, IReadOnlyList<(string Skills, double? Years)> people)
    {
        // Every view's counts (all jobs, per city, seniority, category) and the candidates', as the consumer's first build writes them.
        // Sorted as the key, so that the inserts append to the table's and the index's B-trees instead of splitting pages
        // all over them: the same rows, written several times faster.
        var tallies = InsightTallies.Built([.. jobs], [.. people.Select(c => new MarketCandidate("", InsightJob.Split(c.Skills), c.Years))], MarketTally.ScopedDetailsFrom)
            .OrderBy(t => t.Scope, StringComparer.Ordinal).ThenBy(t => t.Slot.Kind).ThenBy(t => t.Slot.Key, StringComparer.Ordinal)
            .ThenBy(t => t.Slot.Other, StringComparer.Ordinal).ThenBy(t => t.Slot.Bucket)
            .ToList();
        await using (var db = Open(database))
        {
            await db.Database.MigrateAsync();
            // The facts the scan reads, through EF as the consumer writes them (same column formats), in batches.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var ids = jobs.Select(_ => Guid.NewGuid()).ToList();
            // In the order they were posted: the service stores a job when it first sees it (its Posted), so a table's rows
            // lie in posting order and a since= window's rows are neighbours, as here.
            foreach (var batch in jobs.Zip(ids).OrderBy(p => p.First.Posted).Chunk(5_000))
            {
                db.Jobs.AddRange(batch.Select(p => (j: p.First, Id: p.Second)).Select(p => new InsightJob
                {
                    TenantId = Tenant, Id = p.Id, Revision = 1, Open = p.j.Open, Posted = p.j.Posted, City = p.j.City, Seniority = p.j.Seniority, Category = p.j.Category,
                    Required = string.Join(' ', p.j.Required), Preferred = string.Join(' ', p.j.Preferred), Currency = p.j.Pay?.Currency,
                    MonthlyMidpoint = p.j.Pay?.MonthlyMidpoint is { } monthly ? Math.Round(monthly, 2) : null, AnnualMidpoint = p.j.Pay?.AnnualMidpoint is { } annual ? Math.Round(annual, 2) : null,
                }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            foreach (var batch in people.Chunk(5_000))
            {
                db.Candidates.AddRange(batch.Select(c => new InsightCandidate { TenantId = Tenant, Id = Guid.NewGuid(), Revision = 1, Skills = c.Skills, Years = c.Years }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """INSERT INTO "InsightTallies" ("TenantId", "Scope", "Open", "Kind", "Key", "Other", "Bucket", "Count", "SumCents") VALUES ($tenant, $scope, 1, $kind, $key, $other, $bucket, $count, $cents)""";
            var parameters = Columns.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
            foreach (var t in tallies)
            {
                object[] values = [Tenant, t.Scope, (int)t.Slot.Kind, t.Slot.Key, t.Slot.Other, t.Slot.Bucket, t.Count, t.Cents];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i];
                }

                await insert.ExecuteNonQueryAsync();
            }

            // The jobs' skill index (/salaries), as InsightJobSkillIndex.BuildAsync writes it, in the key's order (EF stores a
            // Guid as upper-case text).
            await using var index = connection.CreateCommand();
            index.CommandText = """INSERT INTO "InsightJobSkills" ("TenantId", "Skill", "JobId") VALUES ($tenant, $skill, $job)""";
            var indexParameters = IndexColumns.Select(name => index.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
            indexParameters[0].Value = Tenant;
            var rows = jobs.Zip(ids).SelectMany(p => p.First.Skills.Distinct(StringComparer.Ordinal).Select(skill => (Skill: skill, Job: p.Second.ToString().ToUpperInvariant())))
                .OrderBy(r => r.Skill, StringComparer.Ordinal).ThenBy(r => r.Job, StringComparer.Ordinal);
            foreach (var (skill, job) in rows)
            {
                indexParameters[1].Value = skill;
                indexParameters[2].Value = job;
                await index.ExecuteNonQueryAsync();
            }

            await using var tenant = connection.CreateCommand();
            tenant.CommandText = $"""INSERT INTO "InsightTenants" ("TenantId", "Version") VALUES ('{Tenant}', 1)""";
            await tenant.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        await using (var db = Open(database))
        {
            // Over open jobs (what the benchmark reads), in the view of all jobs and for each view's marked skills.
            await InsightShortlists.RefreshAllAsync(db, Tenant, CancellationToken.None, openOnly: true);
            await db.SaveChangesAsync();
        }

        return tallies.Count;
    }

    private static MarketJob Generate(int i, string[] skills, string[] roles, DateTimeOffset start, Random random)
    {
        // Cubing a uniform draw skews towards the first skills: a few are in many jobs, most in few.
        var picked = Enumerable.Range(0, random.Next(4, 15)).Select(_ => skills[(int)(skills.Length * Math.Pow(random.NextDouble(), 3))]).Distinct().ToList();
        var split = random.Next(1, picked.Count);
        var draw = random.NextDouble();
        var mid = (decimal)Math.Round(10_000 + (90_000 * random.NextDouble()));
        Compensation? pay = draw < 0.9 ? new Compensation("CNY", "month", mid - 5_000, mid + 5_000, 13, true, AnnualMidpoint: mid * 13, MonthlyMidpoint: mid)
            : draw < 0.95 ? new Compensation("USD", "year", mid * 2, mid * 3, AnnualMidpoint: mid * 2.5m, MonthlyMidpoint: mid * 2.5m / 12) : null;
        var category = random.NextDouble() < 0.85 ? roles[(int)(roles.Length * Math.Pow(random.NextDouble(), 2))] : null;
        return new MarketJob($"job-{i}", picked[..split], picked[split..], Cities[random.Next(Cities.Length)], Seniorities[random.Next(Seniorities.Length)], category, pay,
            Open: true, start.AddDays(random.Next(730)));
    }

    internal static object Time(int count, Func<int> query)
    {
        query(); // warm-up: JIT and first allocations
        var milliseconds = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            query();
            milliseconds.Add(clock.Elapsed.TotalMilliseconds);
        }

        milliseconds.Sort();
        return new { p50 = Math.Round(Statistics.Percentile(milliseconds, 0.50), 1), p95 = Math.Round(Statistics.Percentile(milliseconds, 0.95), 1) };
    }
}
