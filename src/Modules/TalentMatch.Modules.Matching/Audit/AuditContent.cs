using TalentMatch.Contracts;
using TalentMatch.Core.Matching;

namespace TalentMatch.Modules.Matching.Audit;

/// <summary>A profile as a record scored it: which document, which content (SHA-256 of the matcher's input), which revision and embedding model.</summary>
public sealed record AuditInputRef(DocumentKind Kind, Guid Id, string Version, int Revision, string? Model);

/// <summary>What a record says about the request: who asked, when, about what, with which weights and which code.</summary>
/// <param name="Subject">The job of a candidate list, the candidate of a role list or gap report.</param>
/// <param name="Role">A gap report's target role (taxonomy id), when it was not a job.</param>
/// <param name="Limit">How many rows were asked for (lists).</param>
/// <param name="Threshold">Proactive matching: the score a pair needed to be announced.</param>
/// <param name="CodeVersion">The matching library's informational version (its commit where the build knows it).</param>
/// <param name="Decision">A recruiter's decision about the scored pair, with their reason (operation <c>decision</c>); null otherwise.</param>
public sealed record AuditHeader(
    Guid Id,
    long Sequence,
    string TenantId,
    string Operation,
    DateTimeOffset RecordedAt,
    Guid? KeyId,
    AuditInputRef Subject,
    string? Role,
    int? Limit,
    double? Threshold,
    MatchWeights Weights,
    string TaxonomyVersion,
    string CodeVersion,
    AuditDecision? Decision = null);

/// <summary>
/// A person's decision over a recommended ranking (EU AI Act Art. 14: human oversight): what they decided about a
/// candidate for a job and why, recorded next to the score the tool gave at that moment. Erased with either document.
/// </summary>
/// <param name="Decision"><c>shortlist</c>, <c>advance</c>, <c>hold</c> or <c>reject</c>.</param>
public sealed record AuditDecision(string Decision, string Reason);

/// <summary>One served score with its components, as served (doubles round-trip exactly through JSON).</summary>
/// <param name="RecordId">The record's id: it salts the row's hash, so an erased row's hash reveals nothing.</param>
/// <param name="Job">Null for a gap report against a role.</param>
/// <param name="ScoreIfClosed">A gap report's score with every gap closed.</param>
public sealed record AuditRowContent(
    Guid RecordId,
    int Position,
    AuditInputRef Candidate,
    AuditInputRef? Job,
    double Score,
    double? ScoreIfClosed,
    IReadOnlyList<AuditComponent> Components);

public sealed record AuditComponent(MatchComponent Component, bool Applicable, double Score, double Weight, double EffectiveWeight, double Contribution)
{
    public static AuditComponent From(ComponentResult c) => new(c.Component, c.Applicable, c.Score, c.Weight, c.EffectiveWeight, c.Contribution);
}

/// <summary>What a served list or report hands to the trail.</summary>
public sealed record AuditEntry(
    string Operation,
    Guid? KeyId,
    LoadedProfile Subject,
    DocumentKind SubjectKind,
    MatchWeights Weights,
    IReadOnlyList<AuditScore> Rows,
    int? Limit = null,
    string? Role = null,
    double? Threshold = null,
    AuditDecision? Decision = null);

/// <summary>One scored pair of an <see cref="AuditEntry"/>.</summary>
public sealed record AuditScore(LoadedProfile Candidate, LoadedProfile? Job, MatchResult Result, double? ScoreIfClosed = null);
