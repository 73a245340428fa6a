using System.Text.RegularExpressions;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>
/// Builds matching profiles from document text: <see cref="ProfileFactory.Read"/> then <see cref="ProfileFactory"/>'s
/// Candidate/Job, the same two steps the served path takes (ingestion reads, matching builds). Vectors are left
/// null: the caller embeds <c>ProfileEmbeddingText.Build(facts title, skill names, text)</c> and sets <c>Vector</c>
/// (the embedding library is not a dependency of this one).
/// </summary>
public static partial class ProfileBuilder
{
    /// <summary>A candidate profile from resume text.</summary>
    /// <param name="referenceDate">What "Present"/"至今" means when summing the work history.</param>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public static CandidateProfile Candidate(string id, string text, DateOnly referenceDate, SkillExtractor? extractor = null) =>
        ProfileFactory.Candidate(id, ProfileFactory.Read(text, DocumentKind.Resume, referenceDate, extractor));

    /// <summary>A job profile from job-description text.</summary>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public static JobProfile Job(string id, string text, SkillExtractor? extractor = null)
    {
        // A job's reading does not depend on the date (no "Present" in an ad).
        var reading = ProfileFactory.Read(text, DocumentKind.Job, DateOnly.MinValue, extractor);
        return ProfileFactory.Job(id, reading.Facts.Title, reading.Skills, reading.Facts, taxonomy: (extractor ?? SkillExtractor.Default).Taxonomy);
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
    public static IReadOnlyList<string> LanguagesAskedFor(string text) => SpokenLanguages.In(text);

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
