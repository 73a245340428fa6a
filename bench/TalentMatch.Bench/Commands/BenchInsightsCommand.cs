using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench insights --jobs N</c>: the market insights aggregation (<see cref="MarketInsights"/>, what
/// <c>GET /v1/insights/skills</c> and <c>/salaries</c> run per request) over N generated jobs of one tenant, in memory:
/// 4-14 skills each from the taxonomy (skewed: a few skills in many jobs, a long tail), 16 cities, 5 seniorities,
/// 24 months, 90 % CNY monthly pay, 5 % USD, 5 % none. Reports p50/p95 per query kind, and as the baseline of the
/// same run one pass that only counts jobs per skill (no aggregation can be cheaper); then the same report from the
/// running tallies (ADR 0013), built from the same jobs, with the rows a request reads. Excludes reading the rows
/// from the database. Prints JSON.
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
        var command = new Command("insights", "Market insights aggregation: p50/p95 per query kind over N jobs.") { jobs, queries, seed };
        command.SetAction(parse => Run(parse.GetValue(jobs), parse.GetValue(queries), parse.GetValue(seed), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(int jobCount, int queryCount, int seed, TextWriter output)
    {
        var taxonomy = SkillTaxonomy.LoadDefault();
        var skills = taxonomy.Skills.Where(s => s.Kind == SkillKind.Skill).Select(s => s.Id).ToArray();
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var jobs = Enumerable.Range(0, jobCount).Select(i => Generate(i, skills, start, random)).ToList();

        var baseline = Time(queryCount, () => MarketInsights.BySkill(jobs, j => j.Skills).Count);
        var all = Time(queryCount, () => MarketInsights.Summarise(jobs, taxonomy, 50, trend: true).Skills.Count);
        var city = Time(queryCount, () => MarketInsights.Summarise([.. jobs.Where(j => j.City == "shenzhen")], taxonomy, 50, trend: true).Skills.Count);
        string[] profile = [skills[0], skills[1]];
        var salaries = Time(queryCount, () => MarketInsights.Salaries(jobs.Where(j => profile.All(id => j.Skills.Contains(id, StringComparer.Ordinal))), 1000).Count);

        // The running tallies (ADR 0013) as the facts consumer keeps them, summed per slot and indexed by (kind, key) as
        // the table's primary key indexes them; a request reads the rows SummariseFromTallies reads.
        var index = jobs.SelectMany(MarketTally.Of)
            .GroupBy(t => t.Slot)
            .Select(g => g.First() with { Count = g.Sum(t => t.Count), SumCents = g.Sum(t => t.SumCents) })
            .ToLookup(t => (t.Kind, t.Key));
        var rowsRead = 0;
        var tallied = Time(queryCount, () =>
        {
            var report = SummariseFromTallies(index, taxonomy, 50, out rowsRead);
            return report.Skills.Count;
        });

        output.WriteLine(JsonSerializer.Serialize(new
        {
            jobs = jobCount,
            queries = queryCount,
            processors = Environment.ProcessorCount,
            baselineCountPerSkillMs = baseline,
            skillsAllJobsMs = all,
            skillsOneCityMs = city,
            salariesTwoSkillProfileMs = salaries,
            skillsAllJobsFromTalliesMs = tallied,
            tallyRows = index.Sum(g => g.Count()),
            tallyRowsReadPerRequest = rowsRead,
        }, Indented));
        return 0;
    }

    /// <summary>What <c>InsightTallies.SummariseAsync</c> reads, from the index instead of the database: the ranking counts, then the listed skills' rows.</summary>
    private static MarketReport SummariseFromTallies(ILookup<(TallyKind, string), Tally> index, SkillTaxonomy taxonomy, int top, out int rowsRead)
    {
        List<Tally> ranking = [.. index[(TallyKind.Jobs, "")], .. index.Where(g => g.Key.Item1 is TallyKind.PayJobs or TallyKind.Skill).SelectMany(g => g)];
        var listed = MarketTally.Listed(ranking, _ => true, top);
        var main = ranking.Where(t => t.Kind == TallyKind.PayJobs).OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key;
        List<Tally> details = [.. index[(TallyKind.Monthly, "")], .. index[(TallyKind.Annual, "")]];
        foreach (var skill in listed)
        {
            details.AddRange(index[(TallyKind.Required, skill)]);
            details.AddRange(index[(TallyKind.Month, skill)]);
            details.AddRange(index[(TallyKind.Pair, skill)].Where(t => t.Count >= MarketInsights.MinimumJobsTogether));
            details.AddRange(index[(TallyKind.Monthly, skill)].Where(t => t.Other == main));
            details.AddRange(index[(TallyKind.Annual, skill)].Where(t => t.Other == main));
        }

        rowsRead = ranking.Count + details.Count;
        return MarketTally.Summarise([.. ranking, .. details], listed, taxonomy, trend: true);
    }

    private static MarketJob Generate(int i, string[] skills, DateTimeOffset start, Random random)
    {
        // Cubing a uniform draw skews towards the first skills: a few are in many jobs, most in few.
        var picked = Enumerable.Range(0, random.Next(4, 15)).Select(_ => skills[(int)(skills.Length * Math.Pow(random.NextDouble(), 3))]).Distinct().ToList();
        var split = random.Next(1, picked.Count);
        var draw = random.NextDouble();
        var mid = (decimal)Math.Round(10_000 + (90_000 * random.NextDouble()));
        Compensation? pay = draw < 0.9 ? new Compensation("CNY", "month", mid - 5_000, mid + 5_000, 13, true, AnnualMidpoint: mid * 13, MonthlyMidpoint: mid)
            : draw < 0.95 ? new Compensation("USD", "year", mid * 2, mid * 3, AnnualMidpoint: mid * 2.5m, MonthlyMidpoint: mid * 2.5m / 12) : null;
        return new MarketJob($"job-{i}", picked[..split], picked[split..], Cities[random.Next(Cities.Length)], Seniorities[random.Next(Seniorities.Length)], null, pay,
            Open: true, start.AddDays(random.Next(730)));
    }

    private static object Time(int count, Func<int> query)
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
