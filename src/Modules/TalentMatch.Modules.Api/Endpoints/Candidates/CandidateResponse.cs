using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <param name="MergedInto">Set when a merge made this submission a version of that candidate: it is out of lists, search and matching.</param>
/// <param name="Versions">The submissions this candidate holds, oldest first, its own included: more than one after a merge (<c>GET …/versions</c>).</param>
public sealed record CandidateResponse(
    Guid Id,
    PipelineStatus Status,
    string Text,
    IReadOnlyList<ExtractedSkill> Skills,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? IndexedAt,
    RejectionResponse? Rejection,
    ConsentResponse? Consent,
    Guid? MergedInto,
    IReadOnlyList<Guid> Versions)
{
    internal static CandidateResponse From(Candidate c, IReadOnlyList<Guid>? versions = null) =>
        From(c, versions, ReadAnonymity.None, CancellationToken.None);

    /// <summary>The response as <paramref name="anonymity"/> reads it (<see cref="CandidateReveals.Redact"/>).</summary>
    internal static CandidateResponse From(Candidate c, IReadOnlyList<Guid>? versions, ReadAnonymity anonymity, CancellationToken cancellationToken)
    {
        var (text, skills) = CandidateReveals.Redact(c.Text, c.Skills, anonymity, cancellationToken);
        return new(c.Id, c.Status, text, skills, c.SubmittedAt, c.IndexedAt, DocumentResponses.Rejection(c), ConsentResponse.From(c.Consent),
            c.MergedIntoId, versions ?? [c.Id]);
    }
}
