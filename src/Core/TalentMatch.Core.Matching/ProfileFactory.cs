using System.Text;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>What one document reads as, in the shape ingestion publishes: normalised text, skills and facts.</summary>
public sealed record ProfileReading(string Text, IReadOnlyList<ExtractedSkill> Skills, ProfileFacts Facts)
{
    /// <summary>A resume's parse (contact details, work history), for what is derived from it beyond the facts; null for a job.
    /// Not part of the published shape: it holds the clear contact details.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ParsedResume? Resume { get; init; }
}

/// <summary>
/// The one way from document text to a matching profile, in two steps that every path shares:
/// <see cref="Read"/> (text → skills and facts; ingestion runs it and publishes the result) and
/// <see cref="Candidate(string, string?, IReadOnlyList{ExtractedSkill}, ProfileFacts?, float[]?)"/> /
/// <see cref="Job"/> (skills and facts → profile; the matching service runs it on what it stored, the CLI and
/// the benchmark on what they read). So the served profile of a text is the CLI's profile of the same text.
/// </summary>
public static class ProfileFactory
{
    /// <summary>Enough places to show a recruiter why; bounds message size on skill-dense documents.</summary>
    public const int MaxEvidencePerSkill = 5;

    /// <summary>NFC and one line-ending style, trimmed: the same word typed on two keyboards reads the same, and offsets mean the same everywhere downstream.</summary>
    public static string Normalise(string text) => text.Normalize(NormalizationForm.FormC).ReplaceLineEndings("\n").Trim();

    /// <summary>Skills and facts of a document, as ingestion publishes them.</summary>
    /// <param name="referenceDate">What "Present"/"至今" means in a resume's dates: the day it was submitted.</param>
    /// <param name="deadline">Stops parsing of hostile text (ingestion's reading budget).</param>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public static ProfileReading Read(string text, DocumentKind kind, DateOnly referenceDate, SkillExtractor? extractor = null, CancellationToken deadline = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        extractor ??= SkillExtractor.Default;
        var normalised = Normalise(text);
        return Reading(normalised, kind, referenceDate, extractor.Extract(normalised, ModeOf(kind)), deadline);
    }

    /// <summary>
    /// <see cref="Read"/> with semantic linking after exact extraction (<see cref="SemanticLinker"/>): what ingestion
    /// publishes when <c>TalentMatch:Ingestion:SemanticLinking</c> is on. Linked skills carry their confidence.
    /// </summary>
    public static async Task<ProfileReading> ReadAsync(string text, DocumentKind kind, DateOnly referenceDate, SemanticLinker linker, SkillExtractor? extractor = null, CancellationToken deadline = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(linker);
        extractor ??= SkillExtractor.Default;
        var normalised = Normalise(text);
        var mode = ModeOf(kind);
        var extraction = await linker.LinkAsync(normalised, extractor.Extract(normalised, mode), mode, deadline).ConfigureAwait(false);
        return Reading(normalised, kind, referenceDate, extraction, deadline);
    }

    private static ExtractionMode ModeOf(DocumentKind kind) => kind == DocumentKind.Job ? ExtractionMode.JobDescription : ExtractionMode.Resume;

    private static ProfileReading Reading(string normalised, DocumentKind kind, DateOnly referenceDate, ExtractionResult extraction, CancellationToken deadline)
    {
        deadline.ThrowIfCancellationRequested();
        var skills = extraction.Skills
            .Select(s => new ExtractedSkill(
                s.Id,
                s.Name,
                s.Level?.ToString().ToLowerInvariant(),
                s.Category,
                s.Proficiency?.ToString().ToLowerInvariant(),
                s.Years,
                [.. s.Evidence.Take(MaxEvidencePerSkill).Select(e => new TextSpan(e.Start, e.End, e.Text))],
                s.AnyOf,
                s.LinkConfidence))
            .ToList();
        var resume = kind == DocumentKind.Job ? null : ResumeParser.Parse(normalised, referenceDate, deadline);
        var facts = resume is null
            ? JobFacts(JobDescriptionParser.Parse(normalised, deadline), normalised, extraction.Language)
            : ResumeFacts(resume, normalised, extraction.Language);
        return new ProfileReading(normalised, skills, facts) { Resume = resume };
    }

    /// <summary>A candidate profile from what <see cref="Read"/> gave (directly, or stored from ingestion's event).</summary>
    public static CandidateProfile Candidate(string id, ProfileReading reading, float[]? vector = null) =>
        Candidate(id, reading.Facts.Title, reading.Skills, reading.Facts, vector);

    /// <summary>A candidate profile from skills and facts in the published shape.</summary>
    /// <param name="title">The profile's title (a resume's current title or headline).</param>
    public static CandidateProfile Candidate(string id, string? title, IReadOnlyList<ExtractedSkill> skills, ProfileFacts? facts, float[]? vector = null)
    {
        // Facts stored before ingestion published seniority and languages for resumes: derive them the same way.
        var seniority = Parse<Seniority>(facts?.Seniority) ?? Known(ProfileBuilder.SeniorityOf(title));
        var languages = facts?.Languages ?? CandidateLanguages([], facts?.Language);
        return new CandidateProfile(
            id,
            [.. skills.Select(s => new CandidateSkill(s.Id, Parse<Proficiency>(s.Proficiency), s.Years, Evidence(s)))],
            facts?.YearsOfExperience,
            title,
            seniority,
            facts?.Location,
            languages,
            vector is { Length: > 0 } ? vector : null);
    }

    /// <summary>A job profile from what <see cref="Read"/> gave.</summary>
    public static JobProfile Job(string id, ProfileReading reading, float[]? vector = null) =>
        Job(id, reading.Facts.Title, reading.Skills, reading.Facts, vector);

    /// <summary>
    /// A job profile from skills and facts in the published shape. Roles mentioned in the ad ("MLOps engineer") are
    /// not requirements. An ad without a requirements section (one paragraph of prose) marks nothing as required:
    /// then the skills it mentions are what it asks for.
    /// </summary>
    public static JobProfile Job(string id, string? title, IReadOnlyList<ExtractedSkill> skills, ProfileFacts? facts, float[]? vector = null, SkillTaxonomy? taxonomy = null)
    {
        taxonomy ??= SkillExtractor.Default.Taxonomy;
        var asked = skills.Where(s => !taxonomy.TryGet(s.Id, out var node) || node.Kind != SkillKind.Role).ToList();
        var anyRequired = asked.Any(s => Parse<RequirementLevel>(s.Level) == RequirementLevel.Required);
        var requirements = asked
            .Select(s =>
            {
                var level = Parse<RequirementLevel>(s.Level) ?? RequirementLevel.Mentioned;
                if (!anyRequired && level == RequirementLevel.Mentioned)
                {
                    level = RequirementLevel.Required;
                }

                return new JobRequirement(s.Id, level, s.Years, Evidence(s)) { AnyOf = s.AnyOf };
            })
            .ToList();
        return new JobProfile(
            id,
            title,
            requirements,
            facts?.YearsOfExperience,
            Parse<Seniority>(facts?.Seniority),
            facts?.Location,
            Parse<WorkArrangement>(facts?.WorkArrangement),
            facts?.Languages ?? [],
            vector is { Length: > 0 } ? vector : null);
    }

    private static ProfileFacts JobFacts(ParsedJobDescription job, string text, string language) => new(
        language,
        job.Title,
        job.YearsOfExperienceRequired?.Min,
        Locations.Normalise(job.Location),
        Name(job.WorkArrangement, WorkArrangement.Unknown),
        Name(job.Seniority, Seniority.Unknown),
        SpokenLanguages.In(text),
        CompensationOf(job));

    /// <summary>The parser's pay range in the published shape; the rules (months paid, annualising) are <see cref="SalaryRange"/>'s.</summary>
    public static Compensation? CompensationOf(ParsedJobDescription job) => job.Salary switch
    {
        { } s => new Compensation(
            s.Currency,
            s.Period == SalaryPeriod.Unknown ? null : s.Period.ToString().ToLowerInvariant(),
            s.Min,
            s.Max,
            s.MonthsPaid,
            s.MonthsPerYear is not null,
            s.AnnualMin,
            s.AnnualMax,
            s.AnnualMidpoint,
            s.MonthlyMidpoint),
        null when job.SalaryNegotiable => new Compensation(null, null, null, null, Negotiable: true),
        null => null,
    };

    private static ProfileFacts ResumeFacts(ParsedResume resume, string text, string language)
    {
        var title = resume.CurrentTitle ?? resume.Headline;
        var spoken = new List<string>();
        foreach (var name in resume.SpokenLanguages.Concat(SpokenLanguages.In(text)))
        {
            SpokenLanguages.Add(spoken, name);
        }

        return new ProfileFacts(
            language,
            title,
            resume.TotalExperience is { } experience ? (double)experience.Years : null,
            Locations.InResume(text),
            Seniority: Name(ProfileBuilder.SeniorityOf(title), Seniority.Unknown),
            Languages: CandidateLanguages(spoken, language),
            Employers: [.. resume.WorkHistory.Select(w => w.Employer?.Trim()).OfType<string>().Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>The languages a resume names, and the one it is written in: writing a resume in a language shows its author works in it.</summary>
    private static List<string> CandidateLanguages(IEnumerable<string> named, string? documentLanguage)
    {
        var languages = new List<string>(named);
        if (SpokenLanguages.OfDocumentLanguage(documentLanguage) is { } written)
        {
            SpokenLanguages.Add(languages, written);
        }

        return languages;
    }

    private static List<EvidenceSpan> Evidence(ExtractedSkill skill) =>
        [.. (skill.Evidence ?? []).Select(e => new EvidenceSpan(e.Start, e.End, e.Text))];

    private static Seniority? Known(Seniority seniority) => seniority == Seniority.Unknown ? null : seniority;

    private static string? Name<T>(T value, T unknown)
        where T : struct, Enum =>
        EqualityComparer<T>.Default.Equals(value, unknown) ? null : value.ToString().ToLowerInvariant();

    private static T? Parse<T>(string? value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed : null;
}
