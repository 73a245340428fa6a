using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Insights;

/// <summary>
/// The one aggregation behind market insights: the CLI runs it over a folder of ads, the insights service over a
/// tenant's jobs. Pure: no I/O, the same answer for the same jobs.
/// </summary>
public static class MarketInsights
{
    /// <summary>
    /// The fewest jobs two skills must share for their lift to be reported: with one or two shared ads, any rare
    /// pair has a huge lift by chance.
    /// </summary>
    public const int MinimumJobsTogether = 3;

    /// <summary>How many co-occurring skills each skill lists.</summary>
    public const int MaxWith = 5;

    /// <param name="maxSkills">Skills listed, most asked for first.</param>
    /// <param name="trend">Add each skill's month-by-month demand (the CLI's ads have no posting date worth counting).</param>
    /// <param name="include">The skills the report may list (all by default); ranks and lifts still count every skill.</param>
    /// <remarks>
    /// Counted by <see cref="MarketCounts"/>: skills numbered per call, counts in arrays, one pass over the jobs asking
    /// for a listed skill for its partners, pay and months: a filtered request (<c>since</c>, two dimensions) runs this
    /// over thousands of jobs (ADR 0013). The answer is the plain definition's (<c>MarketInsightsReferenceTests</c>).
    /// </remarks>
    public static MarketReport Summarise(IReadOnlyCollection<MarketJob> jobs, SkillTaxonomy taxonomy, int maxSkills = int.MaxValue, bool trend = false, Func<string, bool>? include = null)
    {
        var counts = new MarketCounts();
        foreach (var job in jobs)
        {
            counts.Add(job);
        }

        return counts.Report(taxonomy, maxSkills, trend, include);
    }

    /// <summary>
    /// Pay of the jobs given, per currency (most jobs first), with the ids of the jobs that gave a figure (at most
    /// <paramref name="maxIds"/> per currency, in id order) so that a figure can be checked.
    /// </summary>
    public static IReadOnlyList<(SalarySummary Salary, IReadOnlyList<string> JobIds)> Salaries(IEnumerable<MarketJob> jobs, int maxIds) =>
        [.. jobs
            .Where(j => j.Pay is { Currency: not null, Negotiable: false })
            .GroupBy(j => j.Pay!.Currency!, StringComparer.Ordinal)
            .Select(g => (Salary: Salary(g.Key, [.. g]), JobIds: maxIds == 0 ? [] : (IReadOnlyList<string>)[.. g.Select(j => j.Id).Order(StringComparer.Ordinal).Take(maxIds)]))
            .OrderByDescending(s => s.Salary.Jobs)
            .ThenBy(s => s.Salary.Currency, StringComparer.Ordinal)];

    /// <summary>The skills a report lists: most asked for first, ties by id, those <paramref name="include"/> keeps.</summary>
    public static IEnumerable<string> Ranked(IEnumerable<(string Id, int Jobs)> skills, Func<string, bool> include, int maxSkills) =>
        skills.Where(s => s.Jobs > 0 && include(s.Id))
            .OrderByDescending(s => s.Jobs)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(maxSkills)
            .Select(s => s.Id);

    /// <summary>
    /// Up to <see cref="MaxWith"/> skills asked for with one that <paramref name="asking"/> of <paramref name="total"/>
    /// jobs ask for, from how many jobs ask for both (<paramref name="together"/>).
    /// lift(A, B) = P(A and B) / (P(A) · P(B)) = N · n(A, B) / (n(A) · n(B)): raw counts would only repeat the most common skills.
    /// </summary>
    public static List<CoSkill> With(IEnumerable<(string Id, int Jobs)> together, int total, int asking, Func<string, int> jobsAsking)
    {
        // The best MaxWith kept in order as the partners go by (a report asks this of each listed skill, over every
        // partner it has): no sort of the whole list.
        var best = new List<CoSkill>(MaxWith + 1);
        foreach (var (id, jobs) in together)
        {
            if (jobs < MinimumJobsTogether) continue;
            var partner = new CoSkill(id, Math.Round((double)total * jobs / ((double)asking * jobsAsking(id)), 2), jobs);
            var at = best.Count;
            while (at > 0 && Before(partner, best[at - 1])) at--;
            if (at >= MaxWith) continue;
            best.Insert(at, partner);
            if (best.Count > MaxWith) best.RemoveAt(MaxWith);
        }

        return best;
    }

    /// <summary>The order of a skill's partners: highest lift first, then most jobs together, then by id.</summary>
    private static bool Before(CoSkill a, CoSkill b) =>
        a.Lift != b.Lift ? a.Lift > b.Lift : a.Jobs != b.Jobs ? a.Jobs > b.Jobs : string.CompareOrdinal(a.Id, b.Id) < 0;

    /// <summary>One skill's line of a report, from counts however they were made (a scan or running tallies).</summary>
    public static SkillDemand Demand(string skill, int asking, int required, int total, SkillSalary salary, List<CoSkill> with, SkillTaxonomy taxonomy) =>
        new(skill, taxonomy.NameOf(skill), asking, Math.Round((double)asking / total, 4), required, asking - required, salary, with);

    /// <summary>The items that have each skill (an item counted once per skill, however often it lists it).</summary>
    public static Dictionary<string, List<T>> BySkill<T>(IEnumerable<T> items, Func<T, IEnumerable<string>> skillsOf)
    {
        var bySkill = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var skill in skillsOf(item).Distinct(StringComparer.Ordinal))
            {
                if (!bySkill.TryGetValue(skill, out var list))
                {
                    bySkill[skill] = list = [];
                }

                list.Add(item);
            }
        }

        return bySkill;
    }

    private static SalarySummary Salary(string currency, IReadOnlyList<MarketJob> jobs) =>
        new(currency, jobs.Count, Distribution.Of(Figures(jobs, currency, p => p.MonthlyMidpoint)), Distribution.Of(Figures(jobs, currency, p => p.AnnualMidpoint)));

    private static IEnumerable<decimal> Figures(IEnumerable<MarketJob> jobs, string? currency, Func<Contracts.Compensation, decimal?> figure) =>
        jobs.Where(j => j.Pay is { Negotiable: false } pay && pay.Currency == currency && currency is not null)
            .Select(j => figure(j.Pay!))
            .OfType<decimal>();
}
