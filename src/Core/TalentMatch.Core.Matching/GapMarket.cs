using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>
/// What closing one gap is worth in the market of open roles: <paramref name="MoreRoles"/> open roles the candidate
/// would then meet every requirement of (this skill is the only required one they miss today), and the pay of those
/// roles in the currency most of them state (<paramref name="Pay"/>; its monthly <c>p50</c> is the median, none from
/// fewer than 5 roles). <paramref name="RolesConsidered"/> says over how many open roles it was counted.
/// </summary>
public sealed record GapMarketValue(int MoreRoles, int RolesConsidered, SalarySummary? Pay);

public static class GapMarket
{
    /// <summary>
    /// For each gap skill, the open roles it alone stands between the candidate and, as the matcher reads every
    /// role's requirements for this candidate: a role counts when exactly one of its required units (a skill, or an
    /// "any of" group) is not met and the skill is that unit (or one of its alternatives). Roles already met count for
    /// no skill: the candidate matches them without learning anything.
    /// </summary>
    public static IReadOnlyDictionary<string, GapMarketValue> Of(
        CandidateProfile candidate, IEnumerable<string> gapSkills, IReadOnlyCollection<(JobProfile Job, Compensation? Pay)> openRoles, Matcher? matcher = null)
    {
        matcher ??= Matcher.Default;
        var wanted = gapSkills.ToHashSet(StringComparer.Ordinal);
        var unlocked = wanted.ToDictionary(s => s, _ => new List<MarketJob>(), StringComparer.Ordinal);
        foreach (var (job, pay) in openRoles)
        {
            var unmet = RequirementUnit.Of(matcher.Score(job, candidate).Requirements)
                .Where(u => u.Level == RequirementLevel.Required && u.Status != RequirementStatus.Matched)
                .Take(2)
                .ToList();
            if (unmet.Count != 1)
            {
                continue;
            }

            // As a pay figure only: the same currency and negotiable rules as market insights.
            var role = new MarketJob(job.Id, [], [], null, null, null, pay, Open: true, default);
            foreach (var skill in unmet[0].Members.Select(m => m.SkillId).Distinct(StringComparer.Ordinal).Where(wanted.Contains))
            {
                unlocked[skill].Add(role);
            }
        }

        return unlocked.ToDictionary(
            p => p.Key,
            p => new GapMarketValue(p.Value.Count, openRoles.Count, MarketInsights.Salaries(p.Value, maxIds: 0).Select(s => s.Salary).FirstOrDefault()),
            StringComparer.Ordinal);
    }
}
