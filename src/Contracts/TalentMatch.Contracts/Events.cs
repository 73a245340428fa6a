namespace TalentMatch.Contracts;

// The pipeline's messages. Rules: records only, past tense for events, additive changes only
// (a new optional member is fine; renaming or removing one breaks consumers still running the old build).
// Every message carries the tenant: no consumer may act on a document without knowing whose it is.

/// <summary>What kind of document travels through the pipeline.</summary>
public enum DocumentKind
{
    Resume,
    Job,
}

/// <summary>
/// A resume was accepted by the API and stored; ingestion should parse it. For an uploaded file
/// <paramref name="Text"/> is empty (reading the file is ingestion's work, not the API's) and the
/// file is in the blob store under (tenant, candidate id) when <paramref name="DocumentInBlobStore"/>
/// is true; without a blob store (server mode without a shared blob directory) it comes as
/// <paramref name="Document"/>, the bytes, at most the upload limit.
/// </summary>
public sealed record ResumeSubmitted(
    Guid CandidateId,
    string TenantId,
    string Text,
    DateTimeOffset SubmittedAt,
    byte[]? Document = null,
    string? FileName = null,
    bool DocumentInBlobStore = false);

/// <summary>
/// A job description was accepted by the API and stored (or replaced: <paramref name="Revision"/>
/// counts replacements, and every event the pipeline derives from it carries it, so that the API
/// can ignore late events about an older revision); ingestion should parse it.
/// </summary>
public sealed record JobSubmitted(
    Guid JobId,
    string TenantId,
    string? Title,
    string Text,
    DateTimeOffset SubmittedAt,
    int Revision = 0);

/// <summary>
/// A skill found in a document, by taxonomy id, with its canonical English name. For job
/// descriptions <paramref name="Level"/> is required, preferred or mentioned; proficiency
/// (basic, familiar, proficient, expert) and years appear where the text states them.
/// <paramref name="AnyOf"/> (job descriptions) numbers the "any of" group the skill is in
/// ("PyTorch or TensorFlow"): one member satisfies the group; null when asked for alone.
/// <paramref name="LinkConfidence"/> is null when a name or alias of the skill is written in the text; a number
/// (0–1) when no alias matched and semantic linking tied an unknown phrase of a skill list to the skill
/// (<c>TalentMatch:Ingestion:SemanticLinking</c>, off by default): how close the phrase came to the skill's names.
/// </summary>
public sealed record ExtractedSkill(
    string Id,
    string Name,
    string? Level = null,
    string? Category = null,
    string? Proficiency = null,
    int? Years = null,
    IReadOnlyList<TextSpan>? Evidence = null,
    int? AnyOf = null,
    double? LinkConfidence = null);

/// <summary>Where in a document's text something was found: <c>[Start, End)</c> character offsets and the text.</summary>
public sealed record TextSpan(int Start, int End, string Text);

/// <summary>
/// What ingestion read from a document besides its skills: the facts that search filters on and
/// matching compares. For a resume, <paramref name="YearsOfExperience"/> is the candidate's total
/// and <paramref name="Title"/> the current title; for a job, the minimum years required and the
/// job title. <paramref name="Language"/> is en, zh, mixed or und; <paramref name="WorkArrangement"/>
/// is remote, hybrid or onsite; <paramref name="Seniority"/> is junior, mid, senior, staff, … .
/// <paramref name="Languages"/> are the human languages a resume shows or a job asks for, English names
/// ("English", "Chinese"); null from publishers older than the field (readers derive them then).
/// <paramref name="Compensation"/> is a job's pay, normalised; null for resumes, for ads that state none,
/// and from publishers older than the field. <paramref name="Employers"/> are the employers of a resume's work
/// history, most recent first (what search's <c>employer:</c> finds); null for jobs and from older publishers.
/// </summary>
public sealed record ProfileFacts(
    string Language,
    string? Title = null,
    double? YearsOfExperience = null,
    string? Location = null,
    string? WorkArrangement = null,
    string? Seniority = null,
    IReadOnlyList<string>? Languages = null,
    Compensation? Compensation = null,
    IReadOnlyList<string>? Employers = null);

/// <summary>
/// A job's pay as posted and normalised, amounts in the currency's unit (yuan, not K).
/// <paramref name="Period"/> is hour, day, month or year as posted; <paramref name="MonthsPerYear"/> the monthly
/// salaries a year (the ad's "·15薪", else 12: <paramref name="MonthsPerYearStated"/> says which); the annual
/// figures are null for hourly and daily pay, whose hours and days a year no ad states. <paramref name="MonthlyMidpoint"/>
/// is the posted monthly range's middle (a yearly figure over 12). A negotiable ad ("面议") has
/// <paramref name="Negotiable"/> true and no amounts. <paramref name="Currency"/> is an ISO 4217 code, or null
/// when the ad shows none ("150-250k").
/// </summary>
public sealed record Compensation(
    string? Currency,
    string? Period,
    decimal? Min,
    decimal? Max,
    int? MonthsPerYear = null,
    bool MonthsPerYearStated = false,
    decimal? AnnualMin = null,
    decimal? AnnualMax = null,
    decimal? AnnualMidpoint = null,
    decimal? MonthlyMidpoint = null,
    bool Negotiable = false);

/// <summary>
/// Ingestion read a resume: the normalised text and what it recognised in it. <paramref name="Contacts"/>: the
/// keyed hashes duplicate detection compares; null from publishers older than the field (the api then reads
/// the contact details from the text itself). <paramref name="Identity"/>: where the text identifies its person
/// (<c>StoredIdentity</c>: offsets and kinds, never words), found once by ingestion and carried on to search and
/// matching; null from older publishers (those services then find it themselves).
/// </summary>
public sealed record ResumeParsed(
    Guid CandidateId,
    string TenantId,
    string Text,
    IReadOnlyList<ExtractedSkill> Skills,
    ProfileFacts? Facts = null,
    int Revision = 0,
    ContactHashes? Contacts = null,
    string? Identity = null);

/// <summary>
/// A resume's normalised e-mails, phones (E.164), name and employers, each as a keyed hash (the first 16 bytes
/// of SHA-256 over tenant, kind and value, lower-case hex): what duplicate detection compares, never the clear
/// values. Keyed by the tenant, so equal hashes never link two tenants' candidates.
/// </summary>
public sealed record ContactHashes(IReadOnlyList<string> Emails, IReadOnlyList<string> Phones, string? Name, IReadOnlyList<string> Employers);

/// <summary>Ingestion read a job description.</summary>
public sealed record JobParsed(
    Guid JobId,
    string TenantId,
    string? Title,
    string Text,
    IReadOnlyList<ExtractedSkill> Skills,
    ProfileFacts? Facts = null,
    int Revision = 0);

/// <summary>Ingestion could not use a document; <paramref name="Reason"/> is a stable machine-readable code.</summary>
public sealed record DocumentRejected(
    Guid DocumentId,
    string TenantId,
    DocumentKind Kind,
    string Reason,
    string Detail);

/// <summary>
/// The embedding service turned a parsed profile into a vector. <paramref name="Identity"/>: a resume's, as
/// <see cref="ResumeParsed"/> carried it (null for jobs and from older publishers).
/// </summary>
public sealed record ProfileEmbedded(
    Guid DocumentId,
    string TenantId,
    DocumentKind Kind,
    string? Title,
    string Text,
    IReadOnlyList<ExtractedSkill> Skills,
    float[] Vector,
    string Model,
    ProfileFacts? Facts = null,
    int Revision = 0,
    string? Identity = null);

/// <summary>A candidate is searchable.</summary>
public sealed record CandidateIndexed(Guid CandidateId, string TenantId, DateTimeOffset IndexedAt);

/// <summary>A job is searchable.</summary>
public sealed record JobIndexed(Guid JobId, string TenantId, DateTimeOffset IndexedAt, int Revision = 0);

// Announcements: what the outside world is told (webhooks), published by the api from its outbox in
// the transaction that records the status, so that a client reading the document when notified
// sees what it was told (docs/adr/0011). The events above are internal: their consumers may run in
// any order, and the api's read model may not show them yet.

/// <summary>The api shows the candidate as indexed, with its text and skills: <c>candidate.indexed</c>.</summary>
public sealed record CandidateIndexedAnnounced(Guid CandidateId, string TenantId, DateTimeOffset IndexedAt);

/// <summary>The api shows the (open) job as indexed: <c>job.indexed</c>.</summary>
public sealed record JobIndexedAnnounced(Guid JobId, string TenantId, DateTimeOffset IndexedAt, int Revision = 0);

/// <summary>The api shows the document as rejected, with the reason: <c>document.rejected</c>.</summary>
public sealed record DocumentRejectedAnnounced(Guid DocumentId, string TenantId, DocumentKind Kind, string Reason, string Detail);

/// <summary>
/// A candidate or job was deleted (or a job closed); the search index must forget it.
/// <paramref name="Erasure"/> is true when the tenant deleted it: every service holding a copy
/// erases it and answers with <see cref="DocumentErased"/> (a closed job is only taken out of
/// search and matching, and nobody answers).
/// </summary>
public sealed record DocumentDeleted(Guid DocumentId, string TenantId, DocumentKind Kind, bool Erasure = false);

/// <summary>
/// A service erased everything it held about a deleted document. The api service records these
/// as the erasure receipt (<c>GET /v1/candidates/{id}/erasure</c>). <paramref name="Service"/> is
/// the module's name as <c>TalentMatch:Modules</c> spells it.
/// </summary>
public sealed record DocumentErased(Guid DocumentId, string TenantId, DocumentKind Kind, string Service, DateTimeOffset ErasedAt);

/// <summary>
/// A process that serves HTTP without the api module asks the api service whose key this is.
/// Carries the key id and the SHA-256 of its secret, never the key. The one request without a
/// tenant: resolving the tenant is its purpose. <paramref name="PortalLink"/>: the id and hash are a
/// candidate portal link's, not an API key's.
/// </summary>
public sealed record ApiKeyValidationRequested(Guid KeyId, byte[] SecretHash, bool PortalLink = false);

/// <summary>
/// The api service's answer: the key's tenant and scopes (for a portal link: no scope, its candidate), or not valid.
/// <paramref name="Anonymise"/> is the tenant's anonymised-screening setting ("on", "schools"; null when off).
/// </summary>
public sealed record ApiKeyValidated(bool Valid, string? TenantId, IReadOnlyList<string> Scopes, Guid? Candidate = null, string? Anonymise = null);

/// <summary>A candidate's score for a job; the explanation is served by the matching API.</summary>
public sealed record CandidateMatch(Guid CandidateId, double Score);

/// <summary>A job's score for a candidate.</summary>
public sealed record RoleMatch(Guid JobId, double Score);

/// <summary>
/// A job was indexed and these candidates match it best (score at or above the tenant's threshold).
/// Each (job version, candidate version) pair is announced once. <paramref name="Recommendation"/>: <see cref="RecommendationText"/>.
/// </summary>
public sealed record CandidatesMatchedToJob(Guid JobId, string TenantId, IReadOnlyList<CandidateMatch> Matches, DateTimeOffset MatchedAt,
    string Recommendation = CandidatesMatchedToJob.RecommendationText)
{
    /// <summary>What a proactive match is (human oversight, docs/responsible-matching.md): said in every announcement, so an integrator's screen can say it too.</summary>
    public const string RecommendationText =
        "These scores are recommendations for a person to review, not decisions: TalentMatch decides nothing about a candidate.";
}

/// <summary>
/// A candidate was indexed and these open roles match them (score at or above the threshold). Each pair once per versions.
/// <paramref name="Recommendation"/>: <see cref="CandidatesMatchedToJob.RecommendationText"/>.
/// </summary>
public sealed record RolesMatchedToCandidate(Guid CandidateId, string TenantId, IReadOnlyList<RoleMatch> Roles, DateTimeOffset MatchedAt,
    string Recommendation = CandidatesMatchedToJob.RecommendationText);

/// <summary>
/// A tenant merged candidates that are one person: <paramref name="MergedIds"/> are now versions of
/// <paramref name="CandidateId"/> (the kept one) and left search and matching. Undoable until
/// <paramref name="UndoUntil"/>: <c>candidates.merged</c>.
/// </summary>
public sealed record CandidatesMerged(Guid MergeId, string TenantId, Guid CandidateId, IReadOnlyList<Guid> MergedIds, DateTimeOffset MergedAt, DateTimeOffset UndoUntil);

/// <summary>A merge was undone: <paramref name="RestoredIds"/> are candidates of their own again: <c>candidates.unmerged</c>.</summary>
public sealed record CandidatesMergeUndone(Guid MergeId, string TenantId, Guid CandidateId, IReadOnlyList<Guid> RestoredIds, DateTimeOffset UndoneAt);

/// <summary>One candidate's suspected-duplicate group: <paramref name="GroupId"/> is the smallest id among the
/// candidates its group holds, the candidate's own id when it is alone.</summary>
public sealed record DuplicateGroupAssignment(Guid CandidateId, Guid GroupId);

/// <summary>
/// The api's suspected duplicates changed (a pair found, dismissed, merged or erased; or a grouped candidate
/// was indexed): the current group of every candidate these changes touch, for search (and matching, which
/// retrieves through it) to collapse one person's versions into one hit. Internal: no webhook.
/// </summary>
public sealed record DuplicateGroupsChanged(string TenantId, IReadOnlyList<DuplicateGroupAssignment> Assignments, DateTimeOffset ChangedAt);

/// <summary>A tenant's saved search that a newly indexed candidate matches (its id and name at the time).</summary>
public sealed record SavedSearchMatch(Guid SavedSearchId, string Name);

/// <summary>
/// A candidate was indexed and matches these saved searches of its tenant. Each (saved search, candidate) pair is
/// announced once: a resume is never revised in place (a new resume is a new candidate), so the candidate is the version.
/// </summary>
public sealed record SavedSearchesMatched(Guid CandidateId, string TenantId, IReadOnlyList<SavedSearchMatch> Searches, DateTimeOffset MatchedAt);
