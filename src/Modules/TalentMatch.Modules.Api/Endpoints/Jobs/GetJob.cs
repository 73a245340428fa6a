using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Jobs;

/// <summary><c>GET /v1/jobs/{id}</c>: the job, its skills and its pipeline status, with the ETag that PUT needs.</summary>
internal static class GetJob
{
    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapGet("/{id:guid}", HandleAsync).WithName("GetJob").RequireAnyScope(Scopes.JobsWrite, Scopes.Search)
            .WithSummary("Get a job and its pipeline status").ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, HttpResponse response, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        var job = await DocumentQueries.FindLiveAsync(db.Jobs.AsNoTracking(), tenant, id, cancellationToken);
        if (job is null)
        {
            return Problems.NotFound("job", id);
        }

        response.Headers.ETag = DocumentQueries.ETag(job);
        return TypedResults.Ok(JobResponse.From(job));
    }
}
