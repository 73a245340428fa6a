using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Modules.Api.Endpoints.Jobs;

public sealed record JobResponse(
    Guid Id,
    PipelineStatus Status,
    string? Title,
    string Text,
    IReadOnlyList<ExtractedSkill> Skills,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? IndexedAt,
    DateTimeOffset? ClosedAt,
    RejectionResponse? Rejection,
    Compensation? Compensation)
{
    internal static JobResponse From(Job j) =>
        new(j.Id, j.Status, j.Title, j.Text, j.Skills, j.SubmittedAt, j.IndexedAt, j.ClosedAt, DocumentResponses.Rejection(j), j.Compensation);
}
