using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Insights;

/// <summary>What supply insights know about one candidate: skill ids and total years of experience.</summary>
public sealed record MarketCandidate(string Id, IReadOnlyList<string> Skills, double? Years);

/// <summary>
/// One skill's demand against supply: <paramref name="Jobs"/> asking for it, <paramref name="Candidates"/> having it,
/// and <paramref name="Scarcity"/> = (share of jobs asking) / (share of candidates having): above 1, the skill is
/// asked for more often than candidates have it; null when no candidate has it (no supply at all).
/// <paramref name="MedianYears"/> is the median of those candidates' total years, where their resumes state them.
/// </summary>
public sealed record SkillSupply(string Id, string Name, int Jobs, int Candidates, double? Scarcity, double? MedianYears);

/// <summary>
/// The candidates having one skill as supply counts them: how many, and their stated years as (years, candidates)
/// (a value may repeat; order does not matter).
/// </summary>
public sealed record SkillHolders(int Count, IReadOnlyList<(double Years, long Candidates)> Years)
{
    public static readonly SkillHolders None = new(0, []);
}

public static class MarketSupply
{
    /// <summary>Skills asked for by at least one job, most asked for first.</summary>
    public static IReadOnlyList<SkillSupply> Compare(IReadOnlyCollection<MarketJob> jobs, IReadOnlyCollection<MarketCandidate> candidates, SkillTaxonomy taxonomy, int maxSkills = int.MaxValue) =>
        Compare([.. jobs.SelectMany(j => j.Skills.Distinct(StringComparer.Ordinal)).CountBy(s => s, StringComparer.Ordinal).Select(p => (p.Key, p.Value))], jobs.Count, candidates, taxonomy, maxSkills);

    /// <summary>The same from the jobs asking for each skill (<paramref name="asking"/>, running tallies) of <paramref name="totalJobs"/>.</summary>
    public static IReadOnlyList<SkillSupply> Compare(IReadOnlyCollection<(string Id, int Jobs)> asking, int totalJobs, IReadOnlyCollection<MarketCandidate> candidates, SkillTaxonomy taxonomy, int maxSkills = int.MaxValue)
    {
        var having = MarketInsights.BySkill(candidates, c => c.Skills);
        return Compare(asking, totalJobs, candidates.Count, id => having.GetValueOrDefault(id) is { } with
            ? new SkillHolders(with.Count, [.. with.Select(c => c.Years).OfType<double>().Select(y => (y, 1L))])
            : SkillHolders.None, taxonomy, maxSkills);
    }

    /// <summary>
    /// The same from the candidates' side already counted (<paramref name="holders"/> of each skill, of
    /// <paramref name="totalCandidates"/>): the running tallies' way (<see cref="Holders"/>), asked only for the skills
    /// listed (<see cref="MostAsked"/>).
    /// </summary>
    public static IReadOnlyList<SkillSupply> Compare(
        IReadOnlyCollection<(string Id, int Jobs)> asking, int totalJobs, int totalCandidates, Func<string, SkillHolders> holders, SkillTaxonomy taxonomy, int maxSkills = int.MaxValue) =>
        [.. MostAsked(asking, maxSkills).Select(p =>
        {
            var with = holders(p.Id);
            double? scarcity = with.Count == 0 ? null : Math.Round(((double)p.Jobs / totalJobs) / ((double)with.Count / totalCandidates), 2);
            return new SkillSupply(p.Id, taxonomy.NameOf(p.Id), p.Jobs, with.Count, scarcity, Median(with.Years));
        })];

    /// <summary>The skills a supply report lists, in its order: asked for by at least one job, most asked for first.</summary>
    public static IReadOnlyList<(string Id, int Jobs)> MostAsked(IEnumerable<(string Id, int Jobs)> asking, int maxSkills) =>
        [.. asking.Where(p => p.Jobs > 0).OrderByDescending(p => p.Jobs).ThenBy(p => p.Id, StringComparer.Ordinal).Take(maxSkills)];

    /// <summary>
    /// What one candidate adds to the running counts of supply (a candidate leaving takes the same away): one to all
    /// candidates, and per skill one to its holders and one to its holders with the candidate's years, in hundredths
    /// (the consumer stores years rounded to hundredths, so the bucket is the figure: medians are exact).
    /// </summary>
    public static IEnumerable<Tally> TalliesOf(MarketCandidate candidate)
    {
        yield return new Tally(TallyKind.Candidates, "", "", 0, 1, 0);
        foreach (var skill in candidate.Skills.Distinct(StringComparer.Ordinal))
        {
            yield return new Tally(TallyKind.Candidates, skill, "", 0, 1, 0);
            if (candidate.Years is { } years)
            {
                yield return new Tally(TallyKind.CandidateYears, skill, "", Hundredths(years), 1, 0);
            }
        }
    }

    /// <summary>Years as whole hundredths. The consumer bounds stored years to <see cref="MaxYears"/>, so this never overflows.</summary>
    public static int Hundredths(double years) => (int)Math.Round(years * 100, MidpointRounding.AwayFromZero);

    /// <summary>The most years of experience a candidate's facts keep (more is a parsing accident, not a career).</summary>
    public const double MaxYears = 100;

    /// <summary>The holders of each skill from counts of <see cref="TallyKind.Candidates"/> and <see cref="TallyKind.CandidateYears"/>.</summary>
    public static Func<string, SkillHolders> Holders(IEnumerable<Tally> tallies)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var years = new Dictionary<string, List<(double, long)>>(StringComparer.Ordinal);
        foreach (var tally in tallies.Where(t => t.Count > 0))
        {
            if (tally.Kind == TallyKind.Candidates)
            {
                counts[tally.Key] = (int)tally.Count;
            }
            else if (tally.Kind == TallyKind.CandidateYears)
            {
                (years.TryGetValue(tally.Key, out var list) ? list : years[tally.Key] = []).Add((tally.Bucket / 100.0, tally.Count));
            }
        }

        return id => counts.TryGetValue(id, out var count) ? new SkillHolders(count, years.GetValueOrDefault(id) ?? []) : SkillHolders.None;
    }

    /// <summary>The median of values each standing <c>Candidates</c> times (the mean of the two middle ones for an even count), rounded to thousandths.</summary>
    private static double? Median(IReadOnlyList<(double Years, long Candidates)> values)
    {
        var sorted = values.Where(v => v.Candidates > 0).OrderBy(v => v.Years).ToList();
        var count = sorted.Sum(v => v.Candidates);
        if (count == 0)
        {
            return null;
        }

        double At(long rank)
        {
            foreach (var (years, candidates) in sorted)
            {
                if (rank < candidates)
                {
                    return years;
                }

                rank -= candidates;
            }

            throw new InvalidOperationException("rank beyond the count");
        }

        return Math.Round(count % 2 == 1 ? At(count / 2) : (At((count / 2) - 1) + At(count / 2)) / 2, 3);
    }
}
