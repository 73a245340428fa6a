using System.Globalization;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Explanations;

/// <summary>One skill the role asks for, said to the candidate.</summary>
/// <param name="Status"><c>met</c>, <c>partly-met</c> or <c>missing</c>.</param>
/// <param name="Sentence">What it means, in the candidate's language.</param>
/// <param name="YourEvidence">Where their own resume shows it (quoted), empty when missing.</param>
public sealed record ExplainedRequirement(string SkillId, string Skill, bool Required, string Status, string Sentence, IReadOnlyList<string> YourEvidence);

/// <summary>Another part of the score (experience, location, …), said to the candidate.</summary>
/// <param name="Share">Its part of the score, 0..1 (its effective weight).</param>
/// <param name="Status"><c>met</c>, <c>partly-met</c> or <c>not-met</c>.</param>
public sealed record ExplainedFactor(string Factor, string Name, double Share, string Status);

/// <summary>
/// A match explained to the candidate it is about, in plain language and their language (PIPL Art. 24: an explanation
/// on request; EU AI Act Art. 86): what the role asks for that they meet, with their own evidence, what they miss, what
/// else counted, what never counts, and that the score is a recommendation to a person, not a decision.
/// </summary>
/// <param name="Score">0..100, as the recruiter sees it (the match score × 100, rounded).</param>
public sealed record CandidateExplanation(
    string CandidateId,
    string JobId,
    string Language,
    int Score,
    string Summary,
    IReadOnlyList<ExplainedRequirement> Requirements,
    IReadOnlyList<ExplainedFactor> OtherFactors,
    string NeverUsed,
    string Oversight);

/// <summary>Turns a <see cref="MatchResult"/> into a <see cref="CandidateExplanation"/>: pure, English (<c>en</c>) or Chinese (<c>zh</c>).</summary>
public static class CandidateExplainer
{
    public static readonly IReadOnlyList<string> Languages = ["en", "zh"];

    /// <summary>The explanation's language for a request: <c>lang=</c> if given, else the first supported one in Accept-Language, else English.</summary>
    public static string LanguageFor(string? lang, string? acceptLanguage)
    {
        if (!string.IsNullOrEmpty(lang))
        {
            return lang.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : "en";
        }

        // Quality values are ignored on purpose: browsers list languages in order of preference already.
        var first = (acceptLanguage ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(';')[0].Trim())
            .FirstOrDefault(l => l.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return first is not null && first.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : "en";
    }

    public static CandidateExplanation Explain(MatchResult result, SkillTaxonomy taxonomy, string language)
    {
        var zh = language == "zh";
        string Name(string id, string fallback) => taxonomy.TryGet(id, out var skill) ? (zh ? skill.ChineseName : skill.Name) : fallback;
        var asked = result.Requirements.Where(r => r.Level != RequirementLevel.Mentioned).ToList();
        var requirements = asked.Select(r => Requirement(r, Name(r.SkillId, r.SkillName), r.MatchedBy is { } by ? Name(by, r.MatchedByName ?? by) : null, zh)).ToList();
        var (met, partly, missing) = (requirements.Count(r => r.Status == "met"), requirements.Count(r => r.Status == "partly-met"), requirements.Count(r => r.Status == "missing"));
        var score = (int)Math.Round(result.Score * 100, MidpointRounding.AwayFromZero);
        var summary = zh
            ? $"该职位要求 {requirements.Count} 项技能:您完全符合 {met} 项,部分符合 {partly} 项,缺少 {missing} 项。您的匹配分为 {score} 分(满分 100)。"
            : string.Create(CultureInfo.InvariantCulture,
                $"This role asks for {requirements.Count} skills: you fully meet {met}, partly meet {partly}, and {missing} {(missing == 1 ? "is" : "are")} missing. Your match score is {score} out of 100.");
        var factors = result.Components
            .Where(c => c.Applicable && c.Component is not (MatchComponent.RequiredSkills or MatchComponent.PreferredSkills))
            .Select(c => new ExplainedFactor(Key(c.Component), FactorName(c.Component, zh), Math.Round(c.EffectiveWeight, 4),
                c.Score >= 0.999 ? "met" : c.Score > 0 ? "partly-met" : "not-met"))
            .ToList();
        return new CandidateExplanation(result.CandidateId, result.JobId, zh ? "zh" : "en", score, summary, requirements, factors,
            zh ? "您的姓名、联系方式、照片、年龄、出生日期、性别、婚姻状况和民族从不用于计算分数。"
               : "Your name, contact details, photo, age, date of birth, gender, marital status and ethnicity are never used to compute the score.",
            zh ? "该分数是给招聘人员的推荐,而非自动决定:由人来决定是否联系您。您可以要求该公司由人工复核,或拒绝仅由自动化做出的决定。"
               : "The score is a recommendation to a recruiter, not a decision: a person decides whether to contact you. You may ask the company for a review by a person, or refuse a decision made only by automation.");
    }

    private static ExplainedRequirement Requirement(RequirementResult r, string skill, string? matchedBy, bool zh)
    {
        var required = r.Level == RequirementLevel.Required;
        var level = zh ? (required ? "必需" : "加分项") : (required ? "required" : "nice to have");
        var evidence = r.CandidateEvidence.Select(e => e.Text).Distinct(StringComparer.Ordinal).Take(3).ToList();
        var (status, sentence) = r.Status switch
        {
            RequirementStatus.Matched => ("met", zh ? $"{skill}({level}):您的简历中有。" : $"{skill} ({level}): your resume shows it."),
            RequirementStatus.Partial when r.YearsRequired is int years && r.MatchedBy == r.SkillId => ("partly-met", zh
                ? $"{skill}({level}):要求 {years} 年以上,您的简历显示 {r.CandidateYears ?? 0} 年。"
                : string.Create(CultureInfo.InvariantCulture, $"{skill} ({level}): {years}+ years asked, your resume shows {r.CandidateYears ?? 0}.")),
            RequirementStatus.Partial => ("partly-met", zh
                ? $"{skill}({level}):您有相关技能 {matchedBy},计部分分。"
                : $"{skill} ({level}): you have the related skill {matchedBy}, which counts in part."),
            _ => ("missing", zh ? $"{skill}({level}):您的简历中没有找到。" : $"{skill} ({level}): not found in your resume."),
        };
        return new ExplainedRequirement(r.SkillId, skill, required, status, sentence, status == "missing" ? [] : evidence);
    }

    private static string Key(MatchComponent component) => component switch
    {
        MatchComponent.Semantic => "overall-fit",
        MatchComponent.Experience => "experience",
        MatchComponent.Seniority => "seniority",
        MatchComponent.Location => "location",
        MatchComponent.Languages => "languages",
        _ => component.ToString().ToLowerInvariant(),
    };

    private static string FactorName(MatchComponent component, bool zh) => component switch
    {
        MatchComponent.Semantic => zh ? "简历与职位描述的整体相似度" : "How closely your resume as a whole resembles the role's description",
        MatchComponent.Experience => zh ? "工作年限" : "Years of experience",
        MatchComponent.Seniority => zh ? "职级" : "Seniority of your title",
        MatchComponent.Location => zh ? "工作地点与办公方式" : "Location and work arrangement",
        MatchComponent.Languages => zh ? "语言能力" : "Spoken languages",
        _ => component.ToString(),
    };
}
