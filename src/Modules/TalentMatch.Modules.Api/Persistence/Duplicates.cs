namespace TalentMatch.Modules.Api.Persistence;

/// <summary>
/// A candidate's duplicate fingerprint (keyed hashes of contact details, name and employers, and
/// the MinHash signature of the text; <c>DuplicateFingerprint</c> in Core.Documents): it is read
/// whole, to score a pair, and never queried; <see cref="DuplicateKey"/> is what is queried.
/// </summary>
public sealed class CandidateFingerprint
{
    public Guid CandidateId { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The fingerprint as <c>DuplicateFingerprint.Pack</c>'s bytes (about 550): what detection writes, and reads for every candidate it scores.</summary>
    public byte[]? Packed { get; set; }

    /// <summary>
    /// The fingerprint as JSON, as versions before the <see cref="Packed"/> column wrote it; null since. A row that
    /// has only this is still read (migrations cannot re-encode it in SQL), and goes with the candidate as the rest.
    /// </summary>
    public string? Fingerprint { get; set; }
}

/// <summary>One lookup key of a candidate's fingerprint: candidates sharing a key within a tenant are scored as a pair.</summary>
public sealed class DuplicateKey
{
    public required string TenantId { get; set; }

    public required string Key { get; set; }

    public Guid CandidateId { get; set; }
}

/// <summary>
/// A suspected duplicate: two candidates of one tenant, <see cref="FirstId"/> the smaller id, with
/// the score and reasons found when the later of them was parsed. A recruiter's "not the same
/// person" sets <see cref="DismissedAt"/>: the pair is kept, so it is not suggested again, until
/// either candidate is erased.
/// </summary>
public sealed class DuplicatePair
{
    public required string TenantId { get; set; }

    public Guid FirstId { get; set; }

    public Guid SecondId { get; set; }

    public double Score { get; set; }

    public List<string> Reasons { get; set; } = [];

    public DateTimeOffset DetectedAt { get; set; }

    public DateTimeOffset? DismissedAt { get; set; }

    public Guid Other(Guid id) => id == FirstId ? SecondId : FirstId;

    public static (Guid First, Guid Second) Order(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);
}
