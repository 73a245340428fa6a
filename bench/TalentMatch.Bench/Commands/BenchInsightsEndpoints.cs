using System.Diagnostics;
using System.Text.Json;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Modules.Insights;
using TalentMatch.Modules.Insights.Persistence;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// The insights endpoints' own code (<c>InsightsEndpoints.SkillsReportAsync</c>, <c>SupplyAsync</c>,
/// <c>SalariesAsync</c>, with filters parsed by <c>InsightFilter.TryParse</c> as a request's are) over the database
/// <see cref="BenchInsightsCommand"/> builds, each request on a new context. Where a filter has a view in the running
/// tallies, the scan of the facts (what main answered filtered requests with) and the tallies are timed in the same run,
/// alternating request by request, so that load from elsewhere falls on both alike; and their answers compared.
/// </summary>
internal static class BenchInsightsEndpoints
{
    /// <summary>The generated jobs are posted over 2025 and 2026 (<c>BenchInsightsCommand.Generate</c>): this is their last 90 days.</summary>
    private const string LastNinetyDays = "2026-10-02";

    public static object Run(string database, string tenant, string category, string[] profile, int queryCount)
    {
        var results = new Dictionary<string, object>();
        foreach (var (name, city, seniority, categoryFilter, since) in new (string, string?, string?, string?, string?)[]
        {
            ("skills", null, null, null, null),
            ("skills?city=shenzhen", "shenzhen", null, null, null),
            ("skills?seniority=senior", null, "senior", null, null),
            ($"skills?category={category}", null, null, category, null),
            ("skills?city=shenzhen&seniority=senior", "shenzhen", "senior", null, null),
            ($"skills?seniority=senior&category={category}", null, "senior", category, null),
            ($"skills?since={LastNinetyDays}", null, null, null, LastNinetyDays),
        })
        {
            var filter = Filter(city, seniority, categoryFilter, since);
            if (filter.TallyScope is { Length: > 0 } scope)
            {
                // Listed skills whose details the view does not keep, counted from its facts on every request (ADR 0013);
                // and the view read with every pair of its listed skills (main's way before "Partner shortlists per view")
                // against its shortlists, alternating, in this run.
                using (var db = BenchInsightsCommand.Open(database))
                {
                    results[$"{name} skillsCountedFromFacts"] = InsightTallies.SummariseAsync(db, tenant, scope, true, _ => true, 50, pruned: false, CancellationToken.None).GetAwaiter().GetResult().FromFacts;
                }

                var rows = new Dictionary<bool, (int Rows, int Undecided)>();
                results[$"{name} allPairs(scan) vs shortlists(tallies)"] = Compare(queryCount, database, async (db, pruned) =>
                {
                    var (report, read, undecided, _) = await InsightTallies.SummariseAsync(db, tenant, scope, true, _ => true, 50, pruned, CancellationToken.None);
                    rows[pruned] = (read, undecided);
                    return Counts(report);
                });
                results[$"{name} rowsRead allPairs / shortlists"] = $"{rows[false].Rows} / {rows[true].Rows}; listed skills not decided by a shortlist: {rows[true].Undecided}";
            }

            // A filter without a view (since, two dimensions): "scan" reads every job of the tenant and filters in memory
            // (main's way before the posted-day index and the conditions in the database), against the endpoint's path.
            results[name] = filter.TallyScope is null
                ? Compare(queryCount, database, async (db, chosen) => Counts(chosen
                    ? await InsightsEndpoints.SkillsReportAsync(db, tenant, filter, _ => true, 50, tallies: true, CancellationToken.None)
                    : MarketInsights.Summarise(await EveryJobReadAsync(db, tenant, filter), Core.Skills.SkillExtractor.Default.Taxonomy, 50, trend: true)))
                : Compare(queryCount, database, async (db, tallies) => Counts(await InsightsEndpoints.SkillsReportAsync(db, tenant, filter, _ => true, 50, tallies, CancellationToken.None)));
        }

        // Skill ancestors: the skill and everything narrower, over all open jobs.
        var machineLearning = Core.Skills.SkillExtractor.Default.Taxonomy.DescendantsOf("machine-learning").Select(s => s.Id).Append("machine-learning").ToHashSet(StringComparer.Ordinal);
        results["skills?under=machine-learning"] = Compare(queryCount, database, async (db, tallies) =>
            Counts(await InsightsEndpoints.SkillsReportAsync(db, tenant, Filter(null, null, null, null), machineLearning.Contains, 50, tallies, CancellationToken.None)));

        foreach (var (name, city) in new[] { ("supply", (string?)null), ("supply?city=shenzhen", "shenzhen") })
        {
            var filter = Filter(city, null, null, null);
            results[name] = Compare(queryCount, database, async (db, tallies) => JsonSerializer.Serialize(await InsightsEndpoints.SupplyAsync(db, tenant, filter, 50, tallies, CancellationToken.None)));
        }

        var salaries = Filter(null, null, null, null);
        results[$"salaries?skills={string.Join(',', profile)}"] = Compare(queryCount, database, async (db, inDatabase) =>
            JsonSerializer.Serialize(await InsightsEndpoints.SalariesAsync(db, tenant, salaries, profile, inDatabase, CancellationToken.None)));
        return results;
    }

    /// <summary>The filter's jobs as main chose them before the posted-day index: every job of the tenant read, the rest compared here.</summary>
    private static async Task<List<MarketJob>> EveryJobReadAsync(InsightsDbContext db, string tenant, InsightFilter filter) =>
        [.. (await (filter with { Since = null, City = null, Seniority = null, Category = null }).JobsAsync(db, tenant, CancellationToken.None))
            .Where(j => (filter.Since is not { } since || j.Posted >= since) && (filter.City is null || j.City == filter.City)
                && (filter.Seniority is null || j.Seniority == filter.Seniority) && (filter.Category is null || j.Category == filter.Category))];

    private static InsightFilter Filter(string? city, string? seniority, string? category, string? since) =>
        InsightFilter.TryParse(null, since, city, seniority, category, out var filter, out _) ? filter : throw new InvalidOperationException("a filter the endpoint would refuse");

    /// <summary>
    /// What the tallies must equal exactly: jobs, each listed skill's counts, partners (lift) and trend. Pay percentiles
    /// are left out: from the tallies they come from pay buckets (ADR 0013), off by less than a bucket's width.
    /// </summary>
    private static string Counts(MarketReport report) =>
        JsonSerializer.Serialize(new { report.Jobs, Skills = report.Skills.Select(s => new { s.Id, s.Jobs, s.Required, s.With, s.Trend, s.Salary.Monthly.N }) });

    private static object Compare(int count, string database, Func<InsightsDbContext, bool, Task<string>> query)
    {
        var answers = new Dictionary<bool, string>();
        var times = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
        var cpuTimes = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
        for (var i = -1; i < count; i++)
        {
            foreach (var tallies in new[] { false, true })
            {
                using var db = BenchInsightsCommand.Open(database);
                // SQLite's provider completes its "async" calls on the calling thread: its CPU time is the request's
                // work, without the time spent waiting for a core on a shared machine.
                var cpu = BenchSearchCommand.ThreadCpuMilliseconds();
                var clock = Stopwatch.StartNew();
                answers[tallies] = query(db, tallies).GetAwaiter().GetResult();
                if (i >= 0)
                {
                    times[tallies].Add(clock.Elapsed.TotalMilliseconds); // the first round is the warm-up
                    cpuTimes[tallies].Add(BenchSearchCommand.ThreadCpuMilliseconds() - cpu);
                }
            }
        }

        // "Tallies" for /salaries: the jobs chosen in the database, not in memory.
        return new
        {
            scanMs = Percentiles(times[false]), talliesMs = Percentiles(times[true]),
            scanThreadCpuMs = Percentiles(cpuTimes[false]), talliesThreadCpuMs = Percentiles(cpuTimes[true]),
            sameCounts = answers[false] == answers[true],
        };
    }

    private static object Percentiles(List<double> milliseconds)
    {
        milliseconds.Sort();
        return new { p50 = Math.Round(Statistics.Percentile(milliseconds, 0.50), 1), p95 = Math.Round(Statistics.Percentile(milliseconds, 0.95), 1) };
    }
}
