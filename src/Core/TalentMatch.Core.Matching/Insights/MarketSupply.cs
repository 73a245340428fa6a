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

public static class MarketSupply
{
    /// <summary>Skills asked for by at least one job, most asked for first.</summary>
    public static IReadOnlyList<SkillSupply> Compare(IReadOnlyCollection<MarketJob> jobs, IReadOnlyCollection<MarketCandidate> candidates, SkillTaxonomy taxonomy, int maxSkills = int.MaxValue) =>
        Compare([.. jobs.SelectMany(j => j.Skills.Distinct(StringComparer.Ordinal)).CountBy(s => s, StringComparer.Ordinal).Select(p => (p.Key, p.Value))], jobs.Count, candidates, taxonomy, maxSkills);

    /// <summary>The same from the jobs asking for each skill (<paramref name="asking"/>, running tallies) of <paramref name="totalJobs"/>.</summary>
    public static IReadOnlyList<SkillSupply> Compare(IReadOnlyCollection<(string Id, int Jobs)> asking, int totalJobs, IReadOnlyCollection<MarketCandidate> candidates, SkillTaxonomy taxonomy, int maxSkills = int.MaxValue)
    {
        var having = MarketInsights.BySkill(candidates, c => c.Skills);
        return [.. asking
            .Where(p => p.Jobs > 0)
            .OrderByDescending(p => p.Jobs)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .Take(maxSkills)
            .Select(p =>
            {
                var with = having.GetValueOrDefault(p.Id) ?? [];
                double? scarcity = with.Count == 0 ? null : Math.Round(((double)p.Jobs / totalJobs) / ((double)with.Count / candidates.Count), 2);
                return new SkillSupply(p.Id, taxonomy.NameOf(p.Id), p.Jobs, with.Count, scarcity, Median(with.Select(c => c.Years).OfType<double>()));
            })];
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
