using System.Text.Json;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>Something a candidate can take or do to close a gap.</summary>
/// <param name="Kind"><c>course</c>, <c>certification</c> or <c>project</c>.</param>
/// <param name="ForSkill">The skill the resource teaches: the gap itself or a broader skill above it.</param>
public sealed record LearningResource(string Id, string Name, string Kind, string? Url, string ForSkill);

/// <summary>One skill the candidate lacks (or has only in part) for the job.</summary>
/// <param name="Credit">The credit the candidate already earns for it (0 when missing).</param>
/// <param name="ClosestSkill">The candidate's skill that earns that partial credit, if any.</param>
/// <param name="Importance">How much the overall match score would rise if the candidate had the skill: what ranks gaps.</param>
/// <param name="Market">What the skill is worth in the tenant's open roles (<see cref="GapMarket"/>); null where no market was given (the CLI).</param>
public sealed record SkillGap(
    string SkillId,
    string Name,
    string ChineseName,
    RequirementLevel Level,
    RequirementStatus Status,
    double Credit,
    string? ClosestSkill,
    double Importance,
    string Reason,
    IReadOnlyList<LearningResource> Resources,
    GapMarketValue? Market = null);

/// <summary>The gaps of a candidate for a job or target role, most important first.</summary>
/// <param name="Score">The current match score.</param>
/// <param name="ScoreIfClosed">The score with every listed skill gap closed (other components unchanged).</param>
public sealed record GapReport(string CandidateId, string JobId, double Score, double ScoreIfClosed, IReadOnlyList<SkillGap> Gaps);

/// <summary>
/// Gap analysis for the candidate side: which skills a job or target role asks for that the candidate lacks,
/// ranked by how much each would raise the match score, with courses, certifications (taxonomy data) and projects.
/// </summary>
public static class GapAnalyzer
{
    /// <summary>Resources listed per gap, most specific first.</summary>
    public const int MaxResourcesPerGap = 5;

    private static readonly Lazy<List<(LearningResource Resource, string[] Skills)>> Projects = new(LoadProjects);

    public static GapReport Analyze(CandidateProfile candidate, JobProfile job, MatchWeights? weights = null, Matcher? matcher = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(job);
        matcher ??= Matcher.Default;
        var taxonomy = matcher.Taxonomy;
        var result = matcher.Score(job, candidate, weights);

        var required = result.Components[(int)MatchComponent.RequiredSkills];
        var preferred = result.Components[(int)MatchComponent.PreferredSkills];
        // Counted as the matcher counts: an "any of" group is one unit, and closing it takes one of its members.
        var units = RequirementUnit.Of(result.Requirements);
        var requiredCount = units.Count(u => u.Level == RequirementLevel.Required);
        var preferredUnits = units
            .Where(u => u.Level != RequirementLevel.Required)
            .Sum(u => u.Level == RequirementLevel.Preferred ? 1.0 : Matcher.MentionedWeight);

        var gaps = new List<SkillGap>();
        foreach (var unit in units.Where(u => u.Status != RequirementStatus.Matched))
        {
            // One suggestion per unit: the member the candidate is closest to (the first, when none): learning
            // TensorFlow as well closes nothing that PyTorch does not.
            var r = unit.Best;
            var level = unit.Level;

            // The score gain of closing this gap: its component's share of the score, its share of the
            // component, and the credit still missing.
            var importance = level == RequirementLevel.Required
                ? required.EffectiveWeight * (1 - r.Credit) / requiredCount
                : preferred.EffectiveWeight * (1 - r.Credit) * (level == RequirementLevel.Preferred ? 1.0 : Matcher.MentionedWeight) / preferredUnits;
            var chinese = taxonomy.TryGet(r.SkillId, out var node) ? node.ChineseName : r.SkillName;
            var reason = r.Status == RequirementStatus.Missing
                ? $"{level} by the job; not in the candidate's profile"
                : $"{level} by the job; partly covered ({r.Detail})";
            if (unit.IsGroup)
            {
                reason += $"; one of {string.Join(" or ", unit.Members.Select(m => m.SkillName))} is enough";
            }

            gaps.Add(new SkillGap(r.SkillId, r.SkillName, chinese, level, r.Status, r.Credit, r.MatchedBy, importance, reason,
                ResourcesFor(r.SkillId, taxonomy)));
        }

        gaps.Sort(static (a, b) =>
        {
            var byImportance = b.Importance.CompareTo(a.Importance);
            return byImportance != 0 ? byImportance : string.CompareOrdinal(a.SkillId, b.SkillId);
        });
        var ifClosed = Math.Min(1, result.Score + gaps.Sum(g => g.Importance));
        return new GapReport(candidate.Id, job.Id, result.Score, ifClosed, gaps);
    }

    /// <summary>Courses and certifications from the taxonomy, then projects, for a skill or its nearest ancestor.</summary>
    public static IReadOnlyList<LearningResource> ResourcesFor(string skillId, SkillTaxonomy? taxonomy = null)
    {
        taxonomy ??= SkillTaxonomy.LoadDefault();
        var lineage = new List<string> { skillId };
        lineage.AddRange(taxonomy.AncestorsOf(skillId).Select(a => a.Id));

        var resources = new List<LearningResource>();
        foreach (var node in taxonomy.LearningResourcesFor(skillId))
        {
            var forSkill = lineage.FirstOrDefault(node.Related.Contains) ?? skillId;
            resources.Add(new LearningResource(node.Id, node.Name, node.Kind == SkillKind.Course ? "course" : "certification", node.Url, forSkill));
        }

        foreach (var target in lineage)
        {
            foreach (var (project, skills) in Projects.Value)
            {
                if (skills.Contains(target) && resources.All(r => r.Id != project.Id))
                {
                    resources.Add(project with { ForSkill = target });
                }
            }
        }

        // Most specific first: resources for the skill itself before those for broader skills; projects before
        // courses at the same distance, because the article's advice is to build, then certify.
        return resources
            .Select((r, i) => (r, i, distance: lineage.IndexOf(r.ForSkill)))
            .OrderBy(x => x.distance)
            .ThenBy(x => x.r.Kind == "project" ? 0 : 1)
            .ThenBy(x => x.i)
            .Take(MaxResourcesPerGap)
            .Select(x => x.r)
            .ToList();
    }

    private static List<(LearningResource, string[])> LoadProjects()
    {
        using var stream = typeof(GapAnalyzer).Assembly.GetManifestResourceStream("TalentMatch.Core.Matching.Data.projects.json")
            ?? throw new InvalidDataException("Embedded projects.json is missing.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("projects").EnumerateArray()
            .Select(p => (
                new LearningResource(p.GetProperty("id").GetString()!, p.GetProperty("name").GetString()!, "project", null, ""),
                p.GetProperty("skills").EnumerateArray().Select(s => s.GetString()!).ToArray()))
            .ToList();
    }
}
