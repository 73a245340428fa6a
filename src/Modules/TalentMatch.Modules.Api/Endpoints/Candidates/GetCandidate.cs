using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary>
/// <c>GET /v1/candidates/{id}</c>: the resume, its skills and its pipeline status, with an ETag; a merged candidate with the ids of its versions.
/// Anonymised (the tenant's setting, or <c>anonymised=true</c>) unless the calling key revealed the candidate (<see cref="CandidateReveals"/>).
/// </summary>
internal static class GetCandidate
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapGet("/{id:guid}", HandleAsync).WithName("GetCandidate").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("Get a candidate and its pipeline status").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, [FromQuery] bool? anonymised, HttpResponse response, Tenant tenant, ClaimsPrincipal user, ApiDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var candidate = await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken);
        if (candidate is null)
        {
            return Problems.NotFound("candidate", id);
        }

        IReadOnlyList<Guid> versions = candidate.MergedIntoId is null
            ? await CandidateVersions.Of(db, tenant.Id, candidate.Id).Select(c => c.Id).ToListAsync(cancellationToken)
            : [candidate.Id];
        var anonymity = await CandidateReveals.ResolveAsync(user, anonymised, db, tenant, candidate.Id, clock, cancellationToken);
        if (anonymity is null)
        {
            return Anonymisation.Refused();
        }

        response.Headers.ETag = DocumentQueries.ETag(candidate);
        return TypedResults.Ok(CandidateResponse.From(candidate, versions, anonymity, cancellationToken));
    }
}
