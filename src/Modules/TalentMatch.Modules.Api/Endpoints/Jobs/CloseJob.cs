using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Jobs;

/// <summary><c>POST /v1/jobs/{id}/close</c>: the job stays readable but leaves search and matching. Closing twice is a no-op.</summary>
internal static class CloseJob
{
    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapPost("/{id:guid}/close", HandleAsync).WithName("CloseJob").RequireScope(Scopes.JobsWrite).WithIdempotency()
            .WithSummary("Close a job: it stays readable but leaves search and matching").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict); // concurrent-change, once its retries are spent

    private static Task<Results<Ok<JobResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, [AsParameters] DocumentServices services, CancellationToken cancellationToken) =>
        DocumentQueries.RetryOnPipelineChangeAsync<Results<Ok<JobResponse>, ProblemHttpResult>>(services, async _ =>
        {
            var job = await DocumentQueries.FindLiveAsync(services.Db.Jobs, services.Tenant, id, cancellationToken);
            if (job is null)
            {
                return Problems.NotFound("job", id);
            }

            if (job.IsOpen)
            {
                job.Close(services.Clock.GetUtcNow());
                // Out of search (and so out of matching); the record stays readable.
                services.Db.Outbox.Add(OutboxMessage.For(new DocumentDeleted(id, services.Tenant.Id, DocumentKind.Job), services.Clock));
                await services.Db.SaveChangesAsync(cancellationToken);
                services.Outbox.Notify();
            }

            return TypedResults.Ok(JobResponse.From(job));
        });
}
