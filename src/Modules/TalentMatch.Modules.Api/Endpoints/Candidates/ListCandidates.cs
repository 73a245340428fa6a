using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary><c>GET /v1/candidates?limit&amp;cursor</c>: the tenant's candidates, oldest first, a page at a time; a merged candidate once (its versions are not listed).</summary>
internal static class ListCandidates
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapGet("/", HandleAsync).WithName("ListCandidates").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("List candidates, newest last, a page at a time").ProducesProblem(StatusCodes.Status400BadRequest);

    private static Task<Results<Ok<DocumentPage>, ProblemHttpResult>> HandleAsync(
        int? limit, string? cursor, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken) =>
        DocumentQueries.ListAsync(db.Candidates.Where(c => c.TenantId == tenant.Id && c.MergedIntoId == null), limit, cursor,
            c => DocumentResponses.Summary(c, null, null), cancellationToken);
}
