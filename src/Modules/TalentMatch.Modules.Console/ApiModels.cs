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

public sealed record PortalLinkInfo(Guid Id, Guid CandidateId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, bool Active);

public sealed record PortalLinkList(IReadOnlyList<PortalLinkInfo> Items);

public sealed record CreatedPortalLink(Guid Id, Guid CandidateId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Token, string Url);

// The candidate portal's API (/v1/portal): the candidate's own skills, the roles that fit, a role's gap report.

public sealed record PortalRequirement(string SkillId, string SkillName, string Level, string Status, string? MatchedByName);

public sealed record PortalRole(Guid JobId, string? Title, double Score, IReadOnlyList<PortalRequirement> Requirements);

public sealed record PortalRoles(Guid CandidateId, IReadOnlyList<SkillSummary> Skills, IReadOnlyList<PortalRole> Roles);

public sealed record LearningResource(string Id, string Name, string Kind, string? Url, string ForSkill);

public sealed record GapMarketValue(int MoreRoles, int RolesConsidered);

public sealed record SkillGap(
    string SkillId, string Name, string ChineseName, string Level, string Status, double Importance, string? ClosestSkill,
    IReadOnlyList<LearningResource> Resources, GapMarketValue? Market);

public sealed record GapReport(double Score, double ScoreIfClosed, IReadOnlyList<SkillGap> Gaps);

public sealed record PortalGap(Guid JobId, string? Title, GapReport Report);

public sealed record WebhookInfo(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

public sealed record WebhookList(IReadOnlyList<WebhookInfo> Items);

public sealed record CreatedWebhook(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret);

/// <summary>One delivery as the log keeps it: what was sent and how it went (a status code and our own words for a failure, never the receiver's body).</summary>
public sealed record Delivery(Guid Id, string EventType, string Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt);

public sealed record DeliveryPage(IReadOnlyList<Delivery> Items, string? NextCursor);

/// <summary>Quartiles of pay figures; none from fewer than 5 jobs.</summary>
public sealed record PayQuartiles(int N, decimal? P25, decimal? P50, decimal? P75);

public sealed record PaySummary(string Currency, int Jobs, PayQuartiles Monthly, PayQuartiles Annual);

public sealed record SkillPay(PayQuartiles Monthly, PayQuartiles Annual);

public sealed record SkillInsight(string Id, string Name, int Jobs, double Share, int Required, int Preferred, SkillPay Salary);

/// <summary>The skills the tenant's open jobs ask for (GET /v1/insights/skills); pay in <see cref="PaySummary.Currency"/>.</summary>
public sealed record SkillInsights(int Jobs, PaySummary? Salary, IReadOnlyList<SkillInsight> Skills);

/// <summary>A saved search as listed (GET /v1/saved-searches).</summary>
public sealed record SavedSearchSummary(Guid Id, string Name, DateTimeOffset CreatedAt);

public sealed record SavedSearchList(IReadOnlyList<SavedSearchSummary> Items, string? NextCursor);

/// <summary>A candidate a saved search alerted about (a newly indexed candidate that matched it).</summary>
public sealed record SavedSearchAlert(Guid CandidateId, DateTimeOffset MatchedAt);

/// <summary>The words of a saved search (the rest of its filters are not shown).</summary>
public sealed record SavedSearchQuery(string? Q);

/// <summary>A saved search with its latest alerts, newest first (GET /v1/saved-searches/{id}).</summary>
public sealed record SavedSearchDetails(Guid Id, string Name, SavedSearchQuery Search, DateTimeOffset CreatedAt, IReadOnlyList<SavedSearchAlert> RecentAlerts);

/// <summary>A page of <c>GET /v1/saved-searches/alerts</c>: the tenant's alerts across its saved searches, newest first.</summary>
public sealed record SavedSearchAlertFeed(IReadOnlyList<SavedSearchAlert> Items, string? NextCursor);
