using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary>
/// <c>/v1/candidates</c>: submit a resume (202 Accepted: parsing and indexing happen on the bus),
/// list, read back with its pipeline status, delete; suspected duplicates, the recruiter's decision on them, merges and their undo, a merged candidate's versions. One file per operation in this folder.
/// </summary>
internal sealed class CandidateEndpoints : IEndpointContributor
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var candidates = endpoints.MapGroup("/v1/candidates").WithTags("Candidates").ProducesAccessProblems();
        SubmitCandidate.Map(candidates);
        ListCandidates.Map(candidates);
        DeleteCandidate.Map(candidates);
        GetCandidateErasure.Map(candidates);
        ExportCandidate.Map(candidates);
        GetCandidateDuplicates.Map(candidates);
        MarkNotDuplicate.Map(candidates);
        MergeCandidates.Map(candidates);
        UndoMerge.Map(candidates);
        GetCandidateVersions.Map(candidates);
        PortalLinks.Map(candidates);
        CandidateReveals.Map(candidates);
        GetCandidate.Map(candidates);
    }
}
