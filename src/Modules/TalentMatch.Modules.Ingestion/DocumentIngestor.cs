using System.Text;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Skills;

namespace TalentMatch.Modules.Ingestion;

/// <summary>What ingestion made of a document: its normalised text, skills and facts, or why it was rejected.</summary>
public sealed record IngestionResult(
    string? Text,
    IReadOnlyList<ExtractedSkill> Skills,
    ProfileFacts? Facts,
    string? RejectionReason,
    string? RejectionDetail)
{
    public bool IsRejected => RejectionReason is not null;

    public static IngestionResult Rejected(string reason, string detail) => new(null, [], null, reason, detail);
}

/// <summary>
/// Turns submitted text into what the rest of the pipeline works on: skills from the taxonomy
/// (TalentMatch.Core.Skills) and structure (TalentMatch.Core.Documents). Pure: no bus, no storage.
/// </summary>
public static class DocumentIngestor
{
    public const string EmptyDocument = "empty-document";

    /// <summary>Enough places to show a recruiter why; bounds message size on skill-dense documents.</summary>
    public const int MaxEvidencePerSkill = 5;

    /// <param name="referenceDate">What "Present" / 至今 means in a resume's dates: the day it was submitted.</param>
    public static IngestionResult Ingest(string text, DocumentKind kind, DateOnly referenceDate)
    {
        // NFC so that the same word typed on two keyboards indexes and matches the same way;
        // one line-ending style so that offsets mean the same thing everywhere downstream.
        var normalised = text.Normalize(NormalizationForm.FormC).ReplaceLineEndings("\n").Trim();
        if (normalised.Length == 0 || normalised.All(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return IngestionResult.Rejected(EmptyDocument, "The document contains no readable text.");
        }

        var mode = kind == DocumentKind.Job ? ExtractionMode.JobDescription : ExtractionMode.Resume;
        var extraction = SkillExtractor.Default.Extract(normalised, mode);
        var skills = extraction.Skills
            .Select(s => new ExtractedSkill(
                s.Id,
                s.Name,
                s.Level?.ToString().ToLowerInvariant(),
                s.Category,
                s.Proficiency?.ToString().ToLowerInvariant(),
                s.Years,
                [.. s.Evidence.Take(MaxEvidencePerSkill).Select(e => new TextSpan(e.Start, e.End, e.Text))]))
            .ToList();
        var facts = kind == DocumentKind.Job
            ? JobFacts(JobDescriptionParser.Parse(normalised), extraction.Language)
            : ResumeFacts(ResumeParser.Parse(normalised, referenceDate), extraction.Language);
        return new IngestionResult(normalised, skills, facts, null, null);
    }

    private static ProfileFacts JobFacts(ParsedJobDescription job, string language) => new(
        language,
        job.Title,
        job.YearsOfExperienceRequired?.Min,
        job.Location,
        Known(job.WorkArrangement, WorkArrangement.Unknown),
        Known(job.Seniority, Seniority.Unknown));

    private static ProfileFacts ResumeFacts(ParsedResume resume, string language) => new(
        language,
        resume.CurrentTitle ?? resume.Headline,
        resume.TotalExperience is { } experience ? (double)experience.Years : null);

    private static string? Known<T>(T value, T unknown)
        where T : struct, Enum =>
        EqualityComparer<T>.Default.Equals(value, unknown) ? null : value.ToString().ToLowerInvariant();
}
