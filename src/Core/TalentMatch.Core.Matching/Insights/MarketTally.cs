using System.Globalization;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Insights;

/// <summary>What a running count counts (ADR 0013). Stored as its number: never renumber.</summary>
public enum TallyKind
{
    /// <summary>Jobs.</summary>
    Jobs = 0,

    /// <summary>Jobs with a pay in the currency <see cref="Tally.Key"/>.</summary>
    PayJobs = 1,

    /// <summary>Jobs asking for the skill <see cref="Tally.Key"/>.</summary>
    Skill = 2,

    /// <summary>Jobs requiring the skill <see cref="Tally.Key"/>.</summary>
    Required = 3,

    /// <summary>Jobs first seen in the month <see cref="Tally.Other"/> (<c>yyyy-MM</c>) asking for the skill <see cref="Tally.Key"/>.</summary>
    Month = 4,

    /// <summary>Jobs asking for both skills <see cref="Tally.Key"/> and <see cref="Tally.Other"/> (kept both ways round).</summary>
    Pair = 5,

    /// <summary>Monthly midpoints in the currency <see cref="Tally.Other"/> in pay bucket <see cref="Tally.Bucket"/>, of the jobs asking for <see cref="Tally.Key"/> ("" for all jobs).</summary>
    Monthly = 6,

    /// <summary>The same for annual midpoints.</summary>
    Annual = 7,

    /// <summary>
    /// A mark, not a count: the view <see cref="Tally"/>'s scope keeps the details (<see cref="MarketTally.IsDetail"/>) of
    /// the skill <see cref="Tally.Key"/>, exactly, from now on (count 1, never changed by a job; ADR 0013, "Details of a
    /// view's common skills").
    /// </summary>
    DetailsKept = 8,

    /// <summary>
    /// Candidates: all of the tenant's (<see cref="Tally.Key"/> "") or those having the skill <see cref="Tally.Key"/>
    /// (<see cref="MarketSupply.TalliesOf"/>; ADR 0013, "The candidates' side"). Kept in the view "" as open.
    /// </summary>
    Candidates = 9,

    /// <summary>Candidates having the skill <see cref="Tally.Key"/> whose resumes state <see cref="Tally.Bucket"/> hundredths of a year of experience.</summary>
    CandidateYears = 10,
}

/// <summary>
/// One running count: <see cref="Count"/> jobs, and for pay buckets the sum of their figures in hundredths
/// (<see cref="SumCents"/>; whole numbers, so that adding and taking away a job's figure is exact in every database).
/// </summary>
public readonly record struct Tally(TallyKind Kind, string Key, string Other, int Bucket, long Count, long SumCents)
{
    public (TallyKind Kind, string Key, string Other, int Bucket) Slot => (Kind, Key, Other, Bucket);
}

/// <summary>
/// Market insights kept as running counts instead of a scan per request (ADR 0013): what each job adds to them
/// (<see cref="Of"/>; a job leaving takes the same away) and the report read back from them (<see cref="Summarise"/>),
/// which equals <see cref="MarketInsights.Summarise"/> over the same jobs in every count, share, lift and trend. Pay
/// percentiles come from buckets <see cref="BucketRatio"/> wide (<see cref="SkillBucketRatio"/> for a skill's pay),
/// each standing for its figures by their mean: off by less than the ratio − 1 of the figure, exact where a bucket's
/// figures are equal.
/// </summary>
public static class MarketTally
{
    /// <summary>A pay bucket's upper bound over its lower one for all jobs' pay (the "" key): 1 %, about 230 buckets from 10,000 to 100,000.</summary>
    public const double BucketRatio = 1.01;

    /// <summary>
    /// The same for a skill's pay: 5 %, about 47 buckets from 10,000 to 100,000. A report reads the buckets of every
    /// listed skill (50 by default): at 1 % they were most of the rows it read.
    /// </summary>
    public const double SkillBucketRatio = 1.05;

    /// <summary>
    /// The views a job is counted in: all jobs (<c>""</c>), and one per filter dimension it has a value for
    /// (<c>city:…</c>, <c>seniority:…</c>, <c>category:…</c>), so that a report filtered by one of them reads counts as
    /// the unfiltered one does. Low-cardinality dimensions only: each view repeats the job's counts.
    /// </summary>
    public static IEnumerable<string> Scopes(MarketJob job)
    {
        yield return "";
        foreach (var scope in new[] { Scope(CityDimension, job.City), Scope(SeniorityDimension, job.Seniority), Scope(CategoryDimension, job.Category) })
        {
            if (scope is not null)
            {
                yield return scope;
            }
        }
    }

    /// <summary>
    /// A view of one city, seniority or category keeps a skill's details (<see cref="IsDetail"/>) once this many of its
    /// open or of its closed jobs ask for the skill; below, a report listing the skill counts them from the view's facts.
    /// Almost all of a view's counts are pairs of rare skills that no report reads (ADR 0013).
    /// </summary>
    public const int ScopedDetailsFrom = 50;

    /// <summary>
    /// A count a report reads only for a skill it lists: the skill's required count, trend, pairs and pay buckets (those
    /// of all jobs, key "", are not). Every other count is read to rank the skills or size the view.
    /// </summary>
    public static bool IsDetail(Tally tally) =>
        tally.Key.Length > 0 && tally.Kind is TallyKind.Required or TallyKind.Month or TallyKind.Pair or TallyKind.Monthly or TallyKind.Annual;

    public const string CityDimension = "city";
    public const string SeniorityDimension = "seniority";
    public const string CategoryDimension = "category";

    /// <summary>The view of the jobs whose <paramref name="dimension"/> equals <paramref name="value"/> exactly (as the scan's filter compares), null without a value.</summary>
    public static string? Scope(string dimension, string? value) => value is null ? null : $"{dimension}:{value}";

    /// <summary>The counts one job adds, each with count 1 (pay buckets with its figure).</summary>
    public static IEnumerable<Tally> Of(MarketJob job)
    {
        yield return new Tally(TallyKind.Jobs, "", "", 0, 1, 0);
        var skills = job.Skills.Distinct(StringComparer.Ordinal).ToList();
        var month = job.Posted.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        foreach (var skill in skills)
        {
            yield return new Tally(TallyKind.Skill, skill, "", 0, 1, 0);
            yield return new Tally(TallyKind.Month, skill, month, 0, 1, 0);
            if (job.Required.Contains(skill, StringComparer.Ordinal))
            {
                yield return new Tally(TallyKind.Required, skill, "", 0, 1, 0);
            }

            foreach (var other in skills.Where(o => o != skill))
            {
                yield return new Tally(TallyKind.Pair, skill, other, 0, 1, 0);
            }
        }

        if (job.Pay is not { Negotiable: false, Currency: { } currency } pay)
        {
            yield break;
        }

        yield return new Tally(TallyKind.PayJobs, currency, "", 0, 1, 0);
        foreach (var (kind, figure) in new[] { (TallyKind.Monthly, pay.MonthlyMidpoint), (TallyKind.Annual, pay.AnnualMidpoint) })
        {
            if (figure is not { } value)
            {
                continue;
            }

            var cents = (long)Math.Round(value * 100, MidpointRounding.AwayFromZero);
            yield return new Tally(kind, "", currency, Bucket(value), 1, cents);
            foreach (var key in skills)
            {
                yield return new Tally(kind, key, currency, Bucket(value, SkillBucketRatio), 1, cents);
            }
        }
    }

    /// <summary>The pay bucket of a figure: buckets grow by <paramref name="ratio"/>; figures up to 1 share bucket 0.</summary>
    public static int Bucket(decimal figure, double ratio = BucketRatio) => figure <= 1 ? 0 : (int)Math.Floor(Math.Log((double)figure) / Math.Log(ratio));

    /// <summary>
    /// The report over the jobs that the tallies count. <paramref name="tallies"/> must hold, summed per slot, the
    /// <see cref="TallyKind.Jobs"/>, <see cref="TallyKind.PayJobs"/> and <see cref="TallyKind.Skill"/> counts, and
    /// for the skills listed (see <see cref="Listed"/>) their other counts; pay buckets of "" in every currency.
    /// </summary>
    public static MarketReport Summarise(IReadOnlyCollection<Tally> all, IReadOnlyList<string> listed, SkillTaxonomy taxonomy, bool trend)
    {
        var tallies = all.Where(t => t.Count > 0).ToLookup(t => (t.Kind, t.Key));
        var total = (int)tallies[(TallyKind.Jobs, "")].Sum(t => t.Count);
        var salaries = all.Where(t => t.Kind == TallyKind.PayJobs && t.Count > 0)
            .Select(t => new SalarySummary(t.Key, (int)t.Count, Pay(tallies, TallyKind.Monthly, "", t.Key), Pay(tallies, TallyKind.Annual, "", t.Key)))
            .OrderByDescending(s => s.Jobs)
            .ThenBy(s => s.Currency, StringComparer.Ordinal)
            .ToList();
        var main = salaries.FirstOrDefault();
        var asking = Counts(all, TallyKind.Skill).ToDictionary(StringComparer.Ordinal);
        var required = Counts(all, TallyKind.Required).ToDictionary(StringComparer.Ordinal);
        var skills = listed.Select(skill =>
        {
            var salary = main is null
                ? new SkillSalary(Distribution.Empty, Distribution.Empty)
                : new SkillSalary(Pay(tallies, TallyKind.Monthly, skill, main.Currency), Pay(tallies, TallyKind.Annual, skill, main.Currency));
            var together = tallies[(TallyKind.Pair, skill)].Select(t => (t.Other, (int)t.Count));
            var with = MarketInsights.With(together, total, asking[skill], id => asking[id]);
            var demand = MarketInsights.Demand(skill, asking[skill], required.GetValueOrDefault(skill), total, salary, with, taxonomy);
            return demand with { Trend = trend ? Trend(tallies, skill) : null };
        });
        return new MarketReport(total, main, [.. salaries.Skip(1)], [.. skills]);
    }

    /// <summary>The skills a report lists, from the <see cref="TallyKind.Skill"/> counts: the same order as a scan's.</summary>
    public static IReadOnlyList<string> Listed(IEnumerable<Tally> tallies, Func<string, bool> include, int maxSkills) =>
        [.. MarketInsights.Ranked(Counts(tallies, TallyKind.Skill), include, maxSkills)];

    private static IEnumerable<(string Id, int Jobs)> Counts(IEnumerable<Tally> tallies, TallyKind kind) =>
        tallies.Where(t => t.Kind == kind && t.Count > 0).Select(t => (t.Key, (int)t.Count));

    private static Distribution Pay(ILookup<(TallyKind, string), Tally> tallies, TallyKind kind, string key, string currency) =>
        Distribution.OfRuns([.. tallies[(kind, key)]
            .Where(t => t.Other == currency)
            .OrderBy(t => t.Bucket)
            .Select(t => (t.SumCents / 100m / t.Count, t.Count))]);

    private static List<MonthDemand> Trend(ILookup<(TallyKind, string), Tally> tallies, string skill) =>
        [.. tallies[(TallyKind.Month, skill)]
            .OrderBy(t => t.Other, StringComparer.Ordinal)
            .Select(t => new MonthDemand(t.Other, (int)t.Count))];
}
