using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>
/// The running tallies against the scan they replace (ADR 0013): random jobs added, replaced by new revisions, closed
/// and deleted, kept the way the insights consumer keeps them (what a job adds, taken away when it leaves, per open
/// or closed), give the scan's report over the same jobs; pay percentiles within the bucket bound.
/// </summary>
public class MarketTallyTests
{
    private static readonly SkillTaxonomy Taxonomy = SkillExtractor.Default.Taxonomy;
    private static readonly string[] Skills = [.. Taxonomy.Skills.Where(s => s.Kind == SkillKind.Skill).Select(s => s.Id).Take(40)];

    /// <summary>Running counts per (open, slot), as the consumer's table keeps them.</summary>
    private sealed class Counts
    {
        private readonly Dictionary<(bool Open, (TallyKind, string, string, int) Slot), (long Count, long Cents)> _counts = [];

        public void Add(MarketJob job, int sign)
        {
            foreach (var t in MarketTally.Of(job))
            {
                var (count, cents) = _counts.GetValueOrDefault((job.Open, t.Slot));
                _counts[(job.Open, t.Slot)] = (count + (sign * t.Count), cents + (sign * t.SumCents));
            }
        }

        /// <summary>Summed over open and closed where <paramref name="openOnly"/> is false, as the endpoint's query sums them.</summary>
        public List<Tally> Read(bool openOnly) =>
            [.. _counts.Where(p => p.Key.Open || !openOnly)
                .GroupBy(p => p.Key.Slot)
                .Select(g => new Tally(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Key.Item4, g.Sum(p => p.Value.Count), g.Sum(p => p.Value.Cents)))];
    }

    private static MarketJob RandomJob(Random random, string id, bool roundPay)
    {
        var picked = Enumerable.Range(0, random.Next(1, 9)).Select(_ => Skills[(int)(Skills.Length * Math.Pow(random.NextDouble(), 2))]).Distinct().ToList();
        var split = random.Next(0, picked.Count + 1);
        // Round pay in steps 10 % apart: never two figures in one bucket, so percentiles agree exactly.
        var mid = roundPay ? Math.Round(100m * (decimal)Math.Pow(1.1, random.Next(0, 25))) * 100 : Math.Round(5_000m + (decimal)(random.NextDouble() * 95_000), 2);
        var draw = random.NextDouble();
        Compensation? pay = draw < 0.7 ? new Compensation("CNY", "month", null, null, 13, true, AnnualMidpoint: mid * 13, MonthlyMidpoint: mid)
            : draw < 0.8 ? new Compensation("USD", "year", null, null, AnnualMidpoint: mid * 3, MonthlyMidpoint: Math.Round(mid * 3 / 12, 2))
            : draw < 0.85 ? new Compensation("CNY", "day", null, null) // a day rate: in the currency's job count, no figure
            : draw < 0.9 ? new Compensation("CNY", null, null, null, Negotiable: true)
            : null;
        var posted = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(200));
        return new MarketJob(id, picked[..split], picked[split..], null, null, null, pay, Open: true, posted);
    }

    public static TheoryData<int, bool> Seeds => new() { { 1, true }, { 2, true }, { 3, false }, { 4, false }, { 5, true } };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Tallies_kept_through_revisions_closes_and_deletes_give_the_scans_report(int seed, bool roundPay)
    {
        var random = new Random(seed);
        var jobs = new Dictionary<string, MarketJob>();
        var counts = new Counts();
        for (var step = 0; step < 600; step++)
        {
            var id = $"job-{random.Next(250)}";
            var existing = jobs.GetValueOrDefault(id);
            var action = random.NextDouble();
            if (existing is null || action < 0.5)
            {
                // A first revision or a new one: the old contribution leaves exactly once, the new one comes in.
                var next = RandomJob(random, id, roundPay) with { Open = existing?.Open ?? true, Posted = existing?.Posted ?? RandomJob(random, id, roundPay).Posted };
                if (existing is not null) counts.Add(existing, -1);
                counts.Add(jobs[id] = next, +1);
            }
            else if (action < 0.75 && existing.Open)
            {
                counts.Add(existing, -1);
                counts.Add(jobs[id] = existing with { Open = false }, +1);
            }
            else
            {
                counts.Add(existing, -1);
                jobs.Remove(id);
            }
        }

        foreach (var openOnly in new[] { true, false })
        {
            var scanned = MarketInsights.Summarise([.. jobs.Values.Where(j => j.Open || !openOnly)], Taxonomy, maxSkills: 30, trend: true);
            var tallies = counts.Read(openOnly);
            var tallied = MarketTally.Summarise(tallies, MarketTally.Listed(tallies, _ => true, 30), Taxonomy, trend: true);

            Assert.Equal(Without(scanned), Without(tallied));
            AssertClose(scanned.Salary!.Monthly, tallied.Salary!.Monthly, roundPay);
            AssertClose(scanned.Salary.Annual, tallied.Salary.Annual, roundPay);
            Assert.Equal(scanned.OtherCurrencies.Count, tallied.OtherCurrencies.Count);
            foreach (var (expected, actual) in scanned.OtherCurrencies.Zip(tallied.OtherCurrencies))
            {
                AssertClose(expected.Monthly, actual.Monthly, roundPay);
            }

            foreach (var (expected, actual) in scanned.Skills.Zip(tallied.Skills))
            {
                AssertClose(expected.Salary.Monthly, actual.Salary.Monthly, roundPay, MarketTally.SkillBucketRatio);
                AssertClose(expected.Salary.Annual, actual.Salary.Annual, roundPay, MarketTally.SkillBucketRatio);
            }
        }
    }

    [Fact]
    public void A_skill_filter_lists_the_same_skills_as_filtering_the_scans_full_list()
    {
        var random = new Random(7);
        var jobs = Enumerable.Range(0, 120).Select(i => RandomJob(random, $"job-{i}", roundPay: true)).ToList();
        var counts = new Counts();
        jobs.ForEach(j => counts.Add(j, +1));
        var family = Skills.Where((_, i) => i % 3 == 0).ToHashSet(StringComparer.Ordinal);

        var scanned = MarketInsights.Summarise(jobs, Taxonomy).Skills.Where(s => family.Contains(s.Id)).Take(4).Select(s => s.Id);

        Assert.Equal(scanned, MarketTally.Listed(counts.Read(openOnly: true), family.Contains, 4));
    }

    [Theory]
    [InlineData(10_000, 10_000)]
    [InlineData(45_000, 45_449)]
    [InlineData(1_000_000, 1_009_999)]
    public void Figures_within_one_percent_are_at_most_one_bucket_apart(int low, int high)
    {
        Assert.True(MarketTally.Bucket(high) - MarketTally.Bucket(low) <= 1);
        Assert.True(MarketTally.Bucket(low * 1.02m) > MarketTally.Bucket(low), "figures 2 % apart never share a bucket");
    }

    /// <summary>The report with its pay percentiles blanked: every other figure must be equal to the letter.</summary>
    private static object Without(MarketReport report) => new
    {
        report.Jobs,
        Salary = report.Salary is null ? null : new { report.Salary.Currency, report.Salary.Jobs, Monthly = report.Salary.Monthly.N, Annual = report.Salary.Annual.N },
        Others = string.Join(";", report.OtherCurrencies.Select(o => $"{o.Currency} {o.Jobs} {o.Monthly.N} {o.Annual.N}")),
        Skills = string.Join("\n", report.Skills.Select(s =>
            $"{s.Id} {s.Name} {s.Jobs} {s.Share} {s.Required} {s.Preferred} {s.Salary.Monthly.N} {s.Salary.Annual.N} " +
            $"[{string.Join(",", s.With.Select(w => $"{w.Id}:{w.Lift}:{w.Jobs}"))}] [{string.Join(",", s.Trend!.Select(m => $"{m.Month}:{m.Jobs}"))}]")),
    };

    /// <summary>Exact where every bucket holds one figure (pay posted in round steps); else within the buckets' width plus rounding.</summary>
    private static void AssertClose(Distribution expected, Distribution actual, bool exact, double ratio = MarketTally.BucketRatio)
    {
        Assert.Equal(expected.N, actual.N);
        foreach (var (e, a) in new[] { (expected.P25, actual.P25), (expected.P50, actual.P50), (expected.P75, actual.P75) })
        {
            Assert.Equal(e is null, a is null);
            if (e is { } x && a is { } y)
            {
                Assert.True(exact ? x == y : Math.Abs(x - y) <= (x * (decimal)(ratio - 1)) + 1, $"{y} against {x}");
            }
        }
    }
    /// <summary>A job is counted in the view of all jobs and in one per filter dimension it has, values kept as given (the scan's filter compares them exactly).</summary>
    [Fact]
    public void A_job_is_counted_in_all_jobs_and_in_one_view_per_dimension_it_has()
    {
        var posted = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var full = new MarketJob("1", ["python"], [], "Shenzhen", "senior", "role-mlops-engineer", null, true, posted);
        Assert.Equal(["", "city:Shenzhen", "seniority:senior", "category:role-mlops-engineer"], MarketTally.Scopes(full));
        Assert.Equal([""], MarketTally.Scopes(full with { City = null, Seniority = null, Category = null }));
        Assert.Equal(["", "seniority:senior"], MarketTally.Scopes(full with { City = null, Category = null }));
    }

    /// <summary>Supply from per-skill job counts (the tallies' side) equals supply from the jobs themselves.</summary>
    [Fact]
    public void Supply_from_job_counts_equals_supply_from_the_jobs()
    {
        var random = new Random(7);
        var jobs = Enumerable.Range(0, 200).Select(i => RandomJob(random, $"job-{i}", roundPay: true)).ToList();
        List<MarketCandidate> candidates = [.. Enumerable.Range(0, 80).Select(i => new MarketCandidate($"c-{i}", [.. Skills.Where(_ => random.NextDouble() < 0.2)], random.NextDouble() < 0.8 ? random.Next(0, 20) : null))];
        var asking = jobs.SelectMany(j => j.Skills.Distinct()).CountBy(s => s).Select(p => (p.Key, p.Value)).ToList();
        Assert.Equal(MarketSupply.Compare(jobs, candidates, Taxonomy, 25), MarketSupply.Compare(asking, jobs.Count, candidates, Taxonomy, 25));
    }

    /// <summary>
    /// Supply from the candidates' running counts (added, some taken away again) equals supply from the candidates
    /// left, medians of years in hundredths included (odd and even counts); a candidate taken away leaves no count.
    /// </summary>
    [Fact]
    public void Supply_from_candidate_counts_equals_supply_from_the_candidates()
    {
        var random = new Random(11);
        var jobs = Enumerable.Range(0, 150).Select(i => RandomJob(random, $"job-{i}", roundPay: true)).ToList();
        var asking = jobs.SelectMany(j => j.Skills.Distinct()).CountBy(s => s).Select(p => (p.Key, p.Value)).ToList();
        double?[] years = [null, 0, 0.5, 1.25, 3, 3.33, 7, 12.5, 30];
        List<MarketCandidate> all = [.. Enumerable.Range(0, 120).Select(i => new MarketCandidate($"c-{i}", [.. Skills.Where(_ => random.NextDouble() < 0.25)], years[random.Next(years.Length)]))];
        var left = all.Where((_, i) => i % 3 != 0).ToList();
        var counts = new Dictionary<(TallyKind, string, string, int), long>();
        foreach (var (candidate, sign) in all.Select(c => (c, +1)).Concat(all.Except(left).Select(c => (c, -1))))
        {
            foreach (var tally in MarketSupply.TalliesOf(candidate))
            {
                counts[tally.Slot] = counts.GetValueOrDefault(tally.Slot) + (sign * tally.Count);
            }
        }

        var tallies = counts.Select(c => new Tally(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Key.Item4, c.Value, 0)).ToList();
        Assert.Equal(left.Count, tallies.Single(t => t.Kind == TallyKind.Candidates && t.Key == "").Count);
        var expected = MarketSupply.Compare(asking, jobs.Count, left, Taxonomy, 25);
        Assert.Contains(expected, s => s.MedianYears is { } m && m != Math.Round(m));
        Assert.Equal(expected, MarketSupply.Compare(asking, jobs.Count, left.Count, MarketSupply.Holders(tallies), Taxonomy, 25));
    }
}
