using TalentMatch.Contracts;

namespace TalentMatch.Modules.Matching.Audit;

/// <summary>
/// One served match list, gap report or proactive announcement: a link of its tenant's hash chain
/// (docs/adr/0012-audit-trail.md). Append-only: nothing updates a record except erasure, which
/// empties its content and keeps its hashes (a tombstone), so the chain still verifies.
/// </summary>
public sealed class AuditRecord
{
    public required string TenantId { get; set; }

    /// <summary>1, 2, 3… per tenant, without gaps: a missing number is a deleted record.</summary>
    public long Sequence { get; set; }

    public Guid Id { get; set; }

    /// <summary>One of <see cref="AuditOperations"/>; kept on erasure (it names no one).</summary>
    public required string Operation { get; set; }

    /// <summary>Unix milliseconds: comparable in SQL on every provider (SQLite cannot compare DateTimeOffset).</summary>
    public long RecordedAtMs { get; set; }

    /// <summary>The job (a candidate list) or the candidate (roles, gaps) the record is about; null once erased.</summary>
    public Guid? SubjectId { get; set; }

    /// <summary>The API key that asked; null for proactive matching and once erased.</summary>
    public Guid? KeyId { get; set; }

    /// <summary>JSON of <see cref="AuditHeader"/>, hashed as stored; null once erased.</summary>
    public string? Header { get; set; }

    public required string HeaderHash { get; set; }

    /// <summary>SHA-256 over the header's hash and every row's hash, in order.</summary>
    public required string RecordHash { get; set; }

    /// <summary>SHA-256 of the previous record's chain hash and this record's hash.</summary>
    public required string ChainHash { get; set; }

    public DateTimeOffset? ErasedAt { get; set; }

    public List<AuditRow> Rows { get; set; } = [];
}

/// <summary>One scored pair of a record. Erasing either side empties it and keeps its hash.</summary>
public sealed class AuditRow
{
    public required string TenantId { get; set; }

    public long Sequence { get; set; }

    public int Position { get; set; }

    public Guid? CandidateId { get; set; }

    public Guid? JobId { get; set; }

    /// <summary>JSON of <see cref="AuditRowContent"/>, hashed as stored; null once erased.</summary>
    public string? Content { get; set; }

    public required string RowHash { get; set; }
}

/// <summary>
/// A profile exactly as a record scored it (the matcher's input, no text), by content hash: what makes a
/// record reproducible after the profile changed. Erased with the document.
/// </summary>
public sealed class AuditInput
{
    public required string TenantId { get; set; }

    public DocumentKind Kind { get; set; }

    public Guid Id { get; set; }

    public required string Version { get; set; }

    public required string Payload { get; set; }
}

/// <summary>The end of a tenant's chain. Appending locks this row, so two appends never fork the chain.</summary>
public sealed class AuditHead
{
    public required string TenantId { get; set; }

    public long Sequence { get; set; }

    public required string ChainHash { get; set; }
}

/// <summary>
/// How long a tenant keeps its audit records (EU AI Act Art. 12/19: logs kept for a period the deployer sets, at least
/// six months). No row: records are kept until their documents are erased. Expired records become tombstones, as an
/// erasure leaves them, so the chain of what remains still verifies.
/// </summary>
public sealed class AuditRetention
{
    public required string TenantId { get; set; }

    public int Days { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class AuditOperations
{
    public const string CandidatesForJob = "candidates-for-job";
    public const string JobsForCandidate = "jobs-for-candidate";
    public const string Gaps = "gaps";
    public const string ProactiveCandidates = "proactive-candidates";
    public const string ProactiveRoles = "proactive-roles";
    public const string Explanation = "explanation";
    public const string Decision = "decision";
}
