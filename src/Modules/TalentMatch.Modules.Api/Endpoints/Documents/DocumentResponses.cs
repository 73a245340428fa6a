using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Modules.Api.Endpoints.Documents;

/// <summary>The JSON form of a submission (plain text is the other).</summary>
/// <param name="Text">The document text (required).</param>
/// <param name="Title">A job's title (optional; parsed from the text when absent).</param>
/// <param name="Consent">A resume's lawful basis for processing (optional; resumes only; an upload sends it as the form field <c>consent</c>).</param>
public sealed record SubmitDocumentRequest(string Text, string? Title = null, ConsentInput? Consent = null);

public sealed record SkillResponse(string Id, string Name, string? Level);

public sealed record RejectionResponse(string Reason, string Detail);

/// <summary>The lawful basis a resume was submitted under (docs/privacy.md).</summary>
public sealed record ConsentResponse(string Basis, string? Source, DateTimeOffset GivenAt, DateTimeOffset? ExpiresAt)
{
    internal static ConsentResponse? From(ConsentRecord? record) =>
        record is null ? null : new(record.Basis, record.Source, record.GivenAt, record.ExpiresAt);
}

/// <summary>A list entry: everything but the text.</summary>
public sealed record DocumentSummary(
    Guid Id,
    PipelineStatus Status,
    string? Title,
    IReadOnlyList<SkillResponse> Skills,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? IndexedAt,
    DateTimeOffset? ClosedAt);

/// <summary>One page of a list; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record DocumentPage(IReadOnlyList<DocumentSummary> Items, string? NextCursor);

/// <summary>The parts of a response that candidates and jobs share.</summary>
internal static class DocumentResponses
{
    public static DocumentSummary Summary(TrackedDocument d, string? title, DateTimeOffset? closedAt) =>
        new(d.Id, d.Status, title, Skills(d), d.SubmittedAt, d.IndexedAt, closedAt);

    public static List<SkillResponse> Skills(TrackedDocument d) =>
        [.. d.Skills.Select(s => new SkillResponse(s.Id, s.Name, s.Level))];

    public static RejectionResponse? Rejection(TrackedDocument d) =>
        d.RejectionReason is null ? null : new RejectionResponse(d.RejectionReason, d.RejectionDetail ?? "");
}
