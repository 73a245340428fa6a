using TalentMatch.Contracts;

namespace TalentMatch.Modules.Console;

// The REST API's responses as the console reads them: the fields its pages show, nothing more.
// Skills and spans are the pipeline's own records (TalentMatch.Contracts). The console does not reference the modules that define the rest (a module never references another);
// docs/openapi/v1.json is the contract both sides keep.

public sealed record Rejection(string Reason, string Detail);

/// <summary>A candidate or a job (GET /v1/candidates/{id}, /v1/jobs/{id}).</summary>
public sealed record DocumentDetail(
    Guid Id, string Status, string? Title, string Text, IReadOnlyList<ExtractedSkill> Skills,
    DateTimeOffset SubmittedAt, DateTimeOffset? IndexedAt, DateTimeOffset? ClosedAt, Rejection? Rejection);

public sealed record SkillSummary(string Id, string Name);

public sealed record DocumentSummary(Guid Id, string Status, string? Title, IReadOnlyList<SkillSummary>? Skills, DateTimeOffset SubmittedAt, DateTimeOffset? IndexedAt, DateTimeOffset? ClosedAt);

public sealed record DocumentPage(IReadOnlyList<DocumentSummary> Items, string? NextCursor);

/// <summary>A hit; <paramref name="Highlights"/> are fragments of the text with the matched words in &lt;em&gt;, the rest HTML-escaped.</summary>
public sealed record SearchHit(Guid Id, string? Title, double Score, string Snippet, IReadOnlyList<string>? Highlights);

public sealed record FacetValue(string Value, long Count);

public sealed record SearchResults(string Query, long Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>? Facets, string? NextCursor);

public sealed record MatchComponentResult(string Component, bool Applicable, double Score, double Weight, double EffectiveWeight, double Contribution, string Detail);

public sealed record RequirementResult(
    string SkillId, string SkillName, string Level, string Status, double Credit, string? MatchedBy, string? MatchedByName,
    string Detail, IReadOnlyList<TextSpan>? JobEvidence, IReadOnlyList<TextSpan>? CandidateEvidence);

public sealed record MatchResult(Guid JobId, Guid CandidateId, double Score, IReadOnlyList<MatchComponentResult> Components, IReadOnlyList<RequirementResult> Requirements, IReadOnlyDictionary<string, double> WeightsUsed);

/// <summary>The candidates for a job, or the roles for a candidate.</summary>
public sealed record MatchList(IReadOnlyList<MatchResult> Matches);

public sealed record ApiKeyInfo(Guid Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record ApiKeyList(IReadOnlyList<ApiKeyInfo> Items);

public sealed record CreatedApiKey(Guid Id, string Name, IReadOnlyList<string> Scopes, string Key);
