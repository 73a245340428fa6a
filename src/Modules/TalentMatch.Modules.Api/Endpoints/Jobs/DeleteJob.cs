using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Jobs;

/// <summary><c>DELETE /v1/jobs/{id}</c>: erases the job and removes it from search and matching.</summary>
internal static class DeleteJob
{
    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapDelete("/{id:guid}", HandleAsync).WithName("DeleteJob").RequireScope(Scopes.JobsWrite)
            .WithSummary("Delete a job and remove it from search").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict); // concurrent-change, once its retries are spent

    private static Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, [AsParameters] DocumentServices services, CancellationToken cancellationToken) =>
        DocumentQueries.DeleteAsync(services.Db.Jobs, DocumentKind.Job, "job", id, services, cancellationToken);
}
