using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary><c>DELETE /v1/candidates/{id}</c>: erases the resume and removes it from search and matching.</summary>
internal static class DeleteCandidate
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapDelete("/{id:guid}", HandleAsync).WithName("DeleteCandidate").RequireScope(Scopes.CandidatesWrite)
            .WithSummary("Delete a candidate: erases the resume and removes it from search").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict); // concurrent-change, once its retries are spent

    private static Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, [AsParameters] DocumentServices services, CancellationToken cancellationToken) =>
        DocumentQueries.DeleteAsync(services.Db.Candidates, DocumentKind.Resume, "candidate", id, services, cancellationToken);
}
