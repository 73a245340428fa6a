using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary><c>GET /v1/candidates/{id}</c>: the resume, its skills and its pipeline status, with an ETag; a merged candidate with the ids of its versions.</summary>
internal static class GetCandidate
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapGet("/{id:guid}", HandleAsync).WithName("GetCandidate").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("Get a candidate and its pipeline status").ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, HttpResponse response, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        var candidate = await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken);
        if (candidate is null)
        {
            return Problems.NotFound("candidate", id);
        }

        IReadOnlyList<Guid> versions = candidate.MergedIntoId is null
            ? await CandidateVersions.Of(db, tenant.Id, candidate.Id).Select(c => c.Id).ToListAsync(cancellationToken)
            : [candidate.Id];
        response.Headers.ETag = DocumentQueries.ETag(candidate);
        return TypedResults.Ok(CandidateResponse.From(candidate, versions));
    }
}
