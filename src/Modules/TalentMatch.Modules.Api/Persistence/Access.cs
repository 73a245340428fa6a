namespace TalentMatch.Modules.Api.Persistence;

/// <summary>A company using TalentMatch. Every document, key and subscription belongs to one.</summary>
public sealed class TenantAccount
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Candidates submitted longer ago than this are erased (null: kept until deleted).</summary>
    public int? CandidateRetentionDays { get; set; }

    /// <summary>Rejected resumes and job descriptions are erased this long after submission (null: kept).</summary>
    public int? RejectedRetentionDays { get; set; }

    /// <summary>The score from which a pair of candidates is suggested as a duplicate (null: the scorer's default).</summary>
    public double? DuplicateThreshold { get; set; }

    /// <summary>Anonymised screening: recruiters' reads of resumes hide the person (docs/responsible-matching.md).</summary>
    public bool Anonymised { get; set; }

    /// <summary>With <see cref="Anonymised"/>: school names and prestige tags are hidden too.</summary>
    public bool AnonymiseSchools { get; set; }
}

/// <summary>
/// An API key of a tenant. Only a SHA-256 hash of its secret is stored: the key itself is shown
/// once, when it is created. (A fast hash is enough because the secret is 256 random bits, not a
/// password a person chose.)
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>Space-separated scopes (see TalentMatch.Platform.Security.Scopes).</summary>
    public required string Scopes { get; set; }

    public required byte[] SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlySet<string> ScopeSet => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>A POST made with an Idempotency-Key, and (once done) the response to replay for 24 hours.</summary>
public sealed class IdempotencyRecord
{
    public required string TenantId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 over method, path and body: a different request under the same key is refused.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    /// <summary>
    /// The response body, protected with Data Protection (it may hold a new API key or webhook
    /// secret); rows written before that hold it plain (see <c>IdempotencyStore</c>).
    /// </summary>
    public byte[]? Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A candidate portal link: lets one candidate read their own matching roles and gap reports
/// (docs/adr/0009-console.md, addendum). Like an API key, only the SHA-256 of its secret is stored;
/// the link is shown once. Erased with the candidate.
/// </summary>
public sealed class PortalLink
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CandidateId { get; set; }

    public required byte[] SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
