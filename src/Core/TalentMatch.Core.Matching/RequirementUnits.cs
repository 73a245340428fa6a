using System.Globalization;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>
/// What the skill components count: a requirement asked for alone is one unit; an "any of" group ("PyTorch or
/// TensorFlow", "熟悉TensorFlow/PyTorch等框架之一") is one unit too, satisfied by its best member, at the strongest
/// level of its members. So a candidate with one of the alternatives loses nothing for not having the others.
/// </summary>
/// <param name="Best">The member that earns the unit's credit (the first, when none earns any).</param>
/// <param name="Members">The requirements of the unit: one, or the group's members in the job's order.</param>
internal sealed record RequirementUnit(RequirementLevel Level, RequirementResult Best, IReadOnlyList<RequirementResult> Members)
{
    public double Credit => Best.Credit;

    public RequirementStatus Status => Best.Status;

    public bool IsGroup => Members.Count > 1;

    /// <summary>"1 of 2 alternatives: PyTorch", or "none of 2 alternatives (PyTorch or TensorFlow)".</summary>
    public string AlternativesNote => Best.Credit > 0
        ? string.Create(CultureInfo.InvariantCulture, $"1 of {Members.Count} alternatives: {Best.SkillName}")
        : string.Create(CultureInfo.InvariantCulture, $"none of {Members.Count} alternatives ({string.Join(" or ", Members.Select(m => m.SkillName))})");

    /// <summary>The units of a job's evaluated requirements, in the order of their first member.</summary>
    public static List<RequirementUnit> Of(IReadOnlyList<RequirementResult> results)
    {
        var units = new List<RequirementUnit>();
        var groups = new Dictionary<int, List<RequirementResult>>();
        foreach (var result in results)
        {
            if (result.AnyOf is not { } group)
            {
                units.Add(new RequirementUnit(result.Level, result, [result]));
            }
            else if (groups.TryGetValue(group, out var members))
            {
                members.Add(result);
            }
            else
            {
                groups[group] = [result];
                units.Add(new RequirementUnit(result.Level, result, groups[group])); // completed below
            }
        }

        for (var i = 0; i < units.Count; i++)
        {
            var members = units[i].Members;
            if (members.Count > 1)
            {
                // The best credit; at equal credit the job's order (MaxBy keeps the first maximum).
                units[i] = new RequirementUnit(members.Max(m => m.Level), members.MaxBy(m => m.Credit)!, members);
            }
        }

        return units;
    }
}
