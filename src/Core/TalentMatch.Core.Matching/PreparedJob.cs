using System.Collections.Frozen;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>
/// A job with its requirements resolved against one matcher's taxonomy relations (<see cref="Matcher.Prepare"/>): what
/// scoring many candidates against it shares, and what a caller that scores it often can keep. Only the matcher that
/// prepared it scores with it.
/// </summary>
public sealed class PreparedJob
{
    internal PreparedJob(Matcher matcher, JobProfile job, IReadOnlyList<PreparedRequirement> requirements, IReadOnlyList<PreparedUnit> units)
    {
        Matcher = matcher;
        Job = job;
        Requirements = requirements;
        Units = units;
    }

    public JobProfile Job { get; }

    internal Matcher Matcher { get; }

    /// <summary>Required first, then preferred, then mentioned; within a level, the job's order; each skill once.</summary>
    internal IReadOnlyList<PreparedRequirement> Requirements { get; }

    /// <summary>What the skill components count, in the order of their first member.</summary>
    internal IReadOnlyList<PreparedUnit> Units { get; }
}

/// <summary>One requirement, its skill's name and every skill that satisfies it.</summary>
internal sealed record PreparedRequirement(JobRequirement Requirement, string Name, FrozenDictionary<string, Satisfier> Satisfiers);

/// <summary>
/// <see cref="RequirementUnit"/> known before any candidate: a requirement alone, or an "any of" group at the strongest
/// level of its members, by position in <see cref="PreparedJob.Requirements"/>. The same units in the same order as
/// <see cref="RequirementUnit.Of"/> finds in the evaluated requirements, so that sums come out bit for bit the same.
/// </summary>
internal sealed record PreparedUnit(RequirementLevel Level, int[] Members)
{
    /// <summary>The best credit among the members (a group counts once, with the credit of its best member).</summary>
    public double CreditOf(ReadOnlySpan<Matcher.Earned> earned)
    {
        var best = earned[Members[0]].Credit;
        for (var i = 1; i < Members.Length; i++)
        {
            best = Math.Max(best, earned[Members[i]].Credit);
        }

        return best;
    }

    public static List<PreparedUnit> Of(IReadOnlyList<PreparedRequirement> requirements)
    {
        var units = new List<(RequirementLevel Level, List<int> Members)>();
        var groups = new Dictionary<int, int>();
        for (var i = 0; i < requirements.Count; i++)
        {
            var requirement = requirements[i].Requirement;
            if (requirement.AnyOf is not { } group)
            {
                units.Add((requirement.Level, [i]));
            }
            else if (groups.TryGetValue(group, out var unit))
            {
                units[unit].Members.Add(i);
                units[unit] = (units[unit].Level > requirement.Level ? units[unit].Level : requirement.Level, units[unit].Members);
            }
            else
            {
                groups[group] = units.Count;
                units.Add((requirement.Level, [i]));
            }
        }

        return [.. units.Select(u => new PreparedUnit(u.Level, [.. u.Members]))];
    }
}
