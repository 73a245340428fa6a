using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

public sealed record CandidateResponse(
    Guid Id,
    PipelineStatus Status,
    string Text,
    IReadOnlyList<ExtractedSkill> Skills,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? IndexedAt,
    RejectionResponse? Rejection,
    ConsentResponse? Consent)
{
    internal static CandidateResponse From(Candidate c) =>
        new(c.Id, c.Status, c.Text, c.Skills, c.SubmittedAt, c.IndexedAt, DocumentResponses.Rejection(c), ConsentResponse.From(c.Consent));
}
