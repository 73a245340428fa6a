namespace TalentMatch.Modules.Api.Persistence;

/// <summary>
/// A recruiter revealed an anonymised candidate (<c>POST /v1/candidates/{id}/reveal</c>): who (the key), when, and until
/// when the candidate's reads by that key are not anonymised. Kept as the record of the reveal; erased with the candidate.
/// </summary>
public sealed class CandidateReveal
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CandidateId { get; set; }

    public Guid KeyId { get; set; }

    public DateTimeOffset RevealedAt { get; set; }

    public DateTimeOffset Until { get; set; }
}
