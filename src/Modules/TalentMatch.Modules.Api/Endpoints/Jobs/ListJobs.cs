using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Jobs;

/// <summary><c>GET /v1/jobs?limit&amp;cursor</c>: the tenant's jobs (open and closed), oldest first, a page at a time.</summary>
internal static class ListJobs
{
    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapGet("/", HandleAsync).WithName("ListJobs").RequireAnyScope(Scopes.JobsWrite, Scopes.Search)
            .WithSummary("List jobs, newest last, a page at a time").ProducesProblem(StatusCodes.Status400BadRequest);

    private static Task<Results<Ok<DocumentPage>, ProblemHttpResult>> HandleAsync(
        int? limit, string? cursor, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken) =>
        DocumentQueries.ListAsync(db.Jobs.Where(j => j.TenantId == tenant.Id), limit, cursor,
            j => DocumentResponses.Summary(j, j.Title, j.ClosedAt), cancellationToken);
}
