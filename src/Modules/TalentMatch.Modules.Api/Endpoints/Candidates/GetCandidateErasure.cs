using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary><c>GET /v1/candidates/{id}/erasure</c>: the erasure receipt of a deleted candidate.</summary>
internal static class GetCandidateErasure
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapGet("/{id:guid}/erasure", HandleAsync).WithName("GetCandidateErasure").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("Erasure receipt of a deleted candidate: pending until every service has confirmed")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static Task<Results<Ok<ErasureReceiptResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, Tenant tenant, ApiDbContext db, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        ErasureReceipt.GetAsync(db.Candidates, "candidate", id, tenant, db, options, cancellationToken);
}
