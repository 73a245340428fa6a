using TalentMatch.Contracts;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Insights;

/// <summary>
/// What market insights know about one job: the skills it asks for (required and preferred, by taxonomy id),
/// where and at what level, its pay, and when it was posted. No text: insights never need it.
/// </summary>
/// <param name="Category">The role the ad advertises (a taxonomy role id such as <c>role-mlops-engineer</c>), if it names one.</param>
/// <param name="Posted">When the job entered the pipeline; its month is the demand trend's bucket.</param>
public sealed record MarketJob(
    string Id,
    IReadOnlyList<string> Required,
    IReadOnlyList<string> Preferred,
    string? City,
    string? Seniority,
    string? Category,
    Compensation? Pay,
    bool Open,
    DateTimeOffset Posted)
{
    /// <summary>Every skill the job asks for, required first.</summary>
    public IEnumerable<string> Skills => Required.Concat(Preferred);

    /// <summary>
    /// From skills and facts in the published shape, through <see cref="ProfileFactory.Job(string, string?, IReadOnlyList{ExtractedSkill}, ProfileFacts?, float[]?, SkillTaxonomy?)"/>:
    /// what matching counts as required is what insights count as required (an ad without a requirements
    /// section asks for what it mentions). Skills merely mentioned next to requirements do not count as asked for.
    /// </summary>
    public static MarketJob From(string id, string? title, IReadOnlyList<ExtractedSkill> skills, ProfileFacts? facts, bool open, DateTimeOffset posted, SkillTaxonomy? taxonomy = null)
    {
        taxonomy ??= SkillExtractor.Default.Taxonomy;
        var profile = ProfileFactory.Job(id, title, skills, facts, taxonomy: taxonomy);
        var required = new List<string>();
        var preferred = new List<string>();
        foreach (var requirement in profile.Requirements)
        {
            var list = requirement.Level switch
            {
                RequirementLevel.Required => required,
                RequirementLevel.Preferred => preferred,
                _ => null,
            };
            if (list is not null && !required.Contains(requirement.SkillId) && !preferred.Contains(requirement.SkillId))
            {
                list.Add(requirement.SkillId);
            }
        }

        var category = skills.FirstOrDefault(s => taxonomy.TryGet(s.Id, out var node) && node.Kind == SkillKind.Role)?.Id;
        return new MarketJob(id, required, preferred, facts?.Location, facts?.Seniority, category, facts?.Compensation, open, posted);
    }
}
