using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

public sealed record CandidateResponse(
    Guid Id,
    PipelineStatus Status,
    string Text,
    IReadOnlyList<SkillResponse> Skills,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? IndexedAt,
    RejectionResponse? Rejection,
    ConsentResponse? Consent)
{
    internal static CandidateResponse From(Candidate c) =>
        new(c.Id, c.Status, c.Text, DocumentResponses.Skills(c), c.SubmittedAt, c.IndexedAt, DocumentResponses.Rejection(c), ConsentResponse.From(c.Consent));
}
