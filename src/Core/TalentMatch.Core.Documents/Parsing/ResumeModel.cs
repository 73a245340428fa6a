namespace TalentMatch.Core.Documents;

/// <summary>
/// Marks data that identifies a person (GDPR/PIPL personal data): logs, analytics and search
/// documents must leave it out or redact it.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Parameter)]
public sealed class PersonalDataAttribute : Attribute;

/// <summary>How a candidate can be reached. Every field is personal data.</summary>
[PersonalData]
public sealed record ContactDetails
{
    [PersonalData] public string? Name { get; init; }
    [PersonalData] public IReadOnlyList<string> Emails { get; init; } = [];
    [PersonalData] public IReadOnlyList<string> Phones { get; init; } = [];
    /// <summary>Profile and portfolio URLs (LinkedIn, GitHub, personal sites).</summary>
    [PersonalData] public IReadOnlyList<string> Links { get; init; } = [];
}

public enum ResumeSectionKind
{
    Summary,
    Experience,
    Education,
    Skills,
    Projects,
    Certifications,
    Publications,
    Languages,
    Other,
}

/// <summary>A section of the resume under a recognised heading, with its text as written.</summary>
public sealed record ResumeSection(ResumeSectionKind Kind, string Heading, string Text);

/// <summary>
/// One job. Dates are the first of the month (year-only dates are January). <paramref name="End"/> is
/// null and <paramref name="IsCurrent"/> true for "Present"/"至今"; <paramref name="DurationMonths"/> then
/// runs to the reference date given to the parser.
/// </summary>
public sealed record WorkExperience(string? Title, string? Employer, DateOnly? Start, DateOnly? End, bool IsCurrent, int? DurationMonths, string DateText);

public sealed record Education(string Degree, string? School, int? Year);

public enum ExperienceSource
{
    /// <summary>The resume says it ("5+ years of experience", "8年工作经验").</summary>
    Stated,
    /// <summary>Summed from the work history, overlapping jobs counted once.</summary>
    WorkHistory,
}

public sealed record ExperienceYears(decimal Years, ExperienceSource Source);

/// <summary>The structure of a resume. Lists are empty, never null; what the text does not state is null.</summary>
public sealed record ParsedResume
{
    /// <summary>"en" or "zh", from the share of CJK characters.</summary>
    public required string Language { get; init; }
    public required ContactDetails Contact { get; init; }
    /// <summary>The line under the name that states the candidate's role, when there is one.</summary>
    public string? Headline { get; init; }
    /// <summary>
    /// The current job title: a "Designation:"/"Current Position:" label, else the latest dated job's title,
    /// else "currently working as a X", else the headline, else an earlier job's title; null when none reads as a title.
    /// </summary>
    public string? CurrentTitle { get; init; }
    public IReadOnlyList<ResumeSection> Sections { get; init; } = [];
    public IReadOnlyList<WorkExperience> WorkHistory { get; init; } = [];
    public ExperienceYears? TotalExperience { get; init; }
    public IReadOnlyList<Education> Education { get; init; } = [];
    /// <summary>Human languages spoken (English, 普通话 → Chinese), not programming languages.</summary>
    public IReadOnlyList<string> SpokenLanguages { get; init; } = [];
}
