using System.Text.RegularExpressions;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>
/// Builds matching profiles from document text with the Skills and Documents libraries, the way the ingestion
/// pipeline does. Vectors are left null: the caller embeds <c>ProfileEmbeddingText.Build(title, skill names, text)</c>
/// and sets <c>Vector</c> (the embedding library is not a dependency of this one).
/// </summary>
public static partial class ProfileBuilder
{
    /// <summary>A candidate profile from resume text.</summary>
    /// <param name="referenceDate">What "Present"/"至今" means when summing the work history.</param>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public static CandidateProfile Candidate(string id, string text, DateOnly referenceDate, SkillExtractor? extractor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        extractor ??= SkillExtractor.Default;
        var resume = ResumeParser.Parse(text, referenceDate);
        var extraction = extractor.Extract(text, ExtractionMode.Resume);
        var skills = extraction.Skills
            .Select(s => new CandidateSkill(s.Id, s.Proficiency, s.Years, s.Evidence))
            .ToList();

        var languages = new List<string>();
        foreach (var spoken in resume.SpokenLanguages)
        {
            AddLanguage(languages, spoken);
        }

        // A resume written in a language shows that its author can work in it.
        AddLanguage(languages, resume.Language switch { "en" => "English", "zh" => "Chinese", _ => "" });

        var years = resume.TotalExperience is { } experience ? (double)experience.Years : (double?)null;
        var seniority = SeniorityOf(resume.CurrentTitle);
        return new CandidateProfile(id, skills, years, resume.CurrentTitle,
            seniority == Seniority.Unknown ? null : seniority, Location: null, languages);
    }

    /// <summary>A job profile from job-description text.</summary>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public static JobProfile Job(string id, string text, SkillExtractor? extractor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        extractor ??= SkillExtractor.Default;
        var jd = JobDescriptionParser.Parse(text);
        var extraction = extractor.Extract(text, ExtractionMode.JobDescription);

        // An ad without a requirements section (one paragraph of prose) marks nothing as required: then the skills
        // it mentions are what it asks for.
        var anyRequired = extraction.Skills.Any(s => s.Level == RequirementLevel.Required);
        var requirements = extraction.Skills
            .Where(s => extractor.Taxonomy.TryGet(s.Id, out var node) && node.Kind != SkillKind.Role)
            .Select(s =>
            {
                var level = s.Level ?? RequirementLevel.Mentioned;
                if (!anyRequired && level == RequirementLevel.Mentioned)
                {
                    level = RequirementLevel.Required;
                }

                return new JobRequirement(s.Id, level, s.Years, s.Evidence);
            })
            .ToList();

        return new JobProfile(id, jd.Title, requirements,
            jd.YearsOfExperienceRequired?.Min,
            jd.Seniority == Seniority.Unknown ? null : jd.Seniority,
            jd.Location,
            jd.WorkArrangement == WorkArrangement.Unknown ? null : jd.WorkArrangement,
            LanguagesAskedFor(text));
    }

    /// <summary>
    /// A job profile for a target role from the taxonomy (<c>role-mlops-engineer</c>): its related skills are required.
    /// Used for a candidate's gap analysis against the role they want rather than one ad.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not a role of the taxonomy.</exception>
    public static JobProfile Role(string roleId, SkillTaxonomy? taxonomy = null)
    {
        taxonomy ??= SkillTaxonomy.LoadDefault();
        if (!taxonomy.TryGet(roleId, out var role) || role.Kind != SkillKind.Role)
        {
            throw new ArgumentException($"'{roleId}' is not a role of the taxonomy.", nameof(roleId));
        }

        return new JobProfile(role.Id, role.Name,
            [.. role.Related.Select(r => new JobRequirement(r, RequirementLevel.Required))]);
    }

    /// <summary>Seniority a title implies ("Senior Data Scientist" → Senior); Unknown when it implies none.</summary>
    public static Seniority SeniorityOf(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return Seniority.Unknown;
        }

        if (InternTitle().IsMatch(title)) return Seniority.Intern;
        if (ExecutiveTitle().IsMatch(title)) return Seniority.Executive;
        if (DirectorTitle().IsMatch(title)) return Seniority.Director;
        if (PrincipalTitle().IsMatch(title)) return Seniority.Principal;
        if (StaffTitle().IsMatch(title)) return Seniority.Staff;
        if (LeadTitle().IsMatch(title)) return Seniority.Lead;
        if (ManagerTitle().IsMatch(title)) return Seniority.Manager;
        if (SeniorTitle().IsMatch(title)) return Seniority.Senior;
        if (JuniorTitle().IsMatch(title)) return Seniority.Junior;
        if (MidTitle().IsMatch(title)) return Seniority.Mid;
        return Seniority.Unknown;
    }

    /// <summary>Human languages a job asks for: "fluent English", "English proficiency", "英语读写".</summary>
    public static IReadOnlyList<string> LanguagesAskedFor(string text)
    {
        var result = new List<string>();
        foreach (Match m in LanguageDemand().Matches(text))
        {
            var name = m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value;
            AddLanguage(result, name);
        }

        foreach (Match m in ChineseLanguageDemand().Matches(text))
        {
            AddLanguage(result, m.Groups["l"].Value);
        }

        return result;
    }

    private static void AddLanguage(List<string> languages, string name)
    {
        var canonical = name.Trim().ToUpperInvariant() switch
        {
            "" => null,
            "MANDARIN" or "CHINESE" or "普通话" or "中文" or "汉语" or "PUTONGHUA" => "Chinese",
            "英语" or "英文" => "English",
            "日语" => "Japanese",
            "德语" => "German",
            "法语" => "French",
            "韩语" => "Korean",
            var other => char.ToUpperInvariant(other[0]) + other[1..].ToLowerInvariant(),
        };
        if (canonical is not null && !languages.Contains(canonical, StringComparer.OrdinalIgnoreCase))
        {
            languages.Add(canonical);
        }
    }

    private const string LanguageNames = "English|Mandarin|Chinese|German|French|Spanish|Japanese|Korean|Hebrew|Russian|Arabic|Italian|Portuguese|Dutch";

    [GeneratedRegex(@"\b(?:fluent|fluency in|proficient in|proficiency in|excellent|good|strong|native|business|written and spoken|spoken and written|verbal and written)\s+(?:\w+\s+){0,2}?(?<a>" + LanguageNames + @")\b|\b(?<b>" + LanguageNames + @")\s+(?:fluency|proficiency|is required|required|speaker|language skills)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LanguageDemand();

    [GeneratedRegex(@"(?<l>英语|英文|日语|德语|法语|韩语)(?:读写|口语|听说|流利|能力|六级|四级|沟通|熟练|良好)|(?:熟练|流利|良好的?)(?<l>英语|英文|日语|德语|法语|韩语)|CET-?[46]")]
    private static partial Regex ChineseLanguageDemand();

    [GeneratedRegex(@"\bintern(ship)?\b|实习", RegexOptions.IgnoreCase)]
    private static partial Regex InternTitle();

    [GeneratedRegex(@"\b(chief|CTO|CEO|VP|vice president)\b|总裁|首席", RegexOptions.IgnoreCase)]
    private static partial Regex ExecutiveTitle();

    [GeneratedRegex(@"\b(director|head of)\b|总监", RegexOptions.IgnoreCase)]
    private static partial Regex DirectorTitle();

    [GeneratedRegex(@"\b(principal|distinguished)\b|首席工程师", RegexOptions.IgnoreCase)]
    private static partial Regex PrincipalTitle();

    [GeneratedRegex(@"\bstaff\b|专家", RegexOptions.IgnoreCase)]
    private static partial Regex StaffTitle();

    [GeneratedRegex(@"\b(lead|team leader|tech lead|architect)\b|负责人|组长|架构师", RegexOptions.IgnoreCase)]
    private static partial Regex LeadTitle();

    [GeneratedRegex(@"\bmanager\b|经理", RegexOptions.IgnoreCase)]
    private static partial Regex ManagerTitle();

    [GeneratedRegex(@"\b(senior|sr\.?)\b|高级|资深", RegexOptions.IgnoreCase)]
    private static partial Regex SeniorTitle();

    [GeneratedRegex(@"\b(junior|jr\.?|entry[- ]level|graduate|associate)\b|初级|应届", RegexOptions.IgnoreCase)]
    private static partial Regex JuniorTitle();

    [GeneratedRegex(@"\b(mid[- ]level|intermediate)\b|中级", RegexOptions.IgnoreCase)]
    private static partial Regex MidTitle();
}
