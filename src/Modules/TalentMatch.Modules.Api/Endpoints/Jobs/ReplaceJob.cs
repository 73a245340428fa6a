using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Jobs;

/// <summary>
/// <c>PUT /v1/jobs/{id}</c> with <c>If-Match</c>: replaces an open job's title and text; it is
/// parsed and indexed again as a new revision.
/// </summary>
internal static class ReplaceJob
{
    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapPut("/{id:guid}", HandleAsync).WithName("ReplaceJob").RequireScope(Scopes.JobsWrite)
            .WithSummary("Replace a job's title and text (If-Match: the ETag from GET); it is parsed and indexed again")
            .ProducesSubmissionProblems()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);

    private static async Task<Results<AcceptedAtRoute<JobResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, HttpRequest request, HttpResponse response, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        DocumentSubmission? submission = null; // the body is read once, on the first attempt that gets that far
        return await DocumentQueries.RetryOnPipelineChangeAsync<Results<AcceptedAtRoute<JobResponse>, ProblemHttpResult>>(services, async _ =>
        {
            var job = await DocumentQueries.FindLiveAsync(services.Db.Jobs, services.Tenant, id, cancellationToken);
            if (job is null)
            {
                return Problems.NotFound("job", id);
            }

            var ifMatch = request.Headers.IfMatch.ToString();
            if (string.IsNullOrWhiteSpace(ifMatch))
            {
                return Problems.PreconditionRequired();
            }

            // Another edit replaced the content since the client read it. (A pipeline status change in between is not
            // a conflict, and one that commits between this read and the save below makes the save retry from here.)
            if (!DocumentQueries.IfMatchNamesContent(ifMatch, job))
            {
                return Problems.ETagMismatch();
            }

            if (!job.IsOpen)
            {
                return Problems.JobClosed(id);
            }

            if (submission is null)
            {
                (submission, var problem) = await DocumentSubmission.ReadAsync(request, services.Options.Value.MaxDocumentBytes, cancellationToken);
                if (submission is null)
                {
                    return problem!;
                }
            }

            job.Replace(submission.Title, submission.Text);
            services.Db.Outbox.Add(OutboxMessage.For(
                new JobSubmitted(job.Id, job.TenantId, job.Title, job.Text, services.Clock.GetUtcNow(), job.Revision), services.Clock));
            await services.Db.SaveChangesAsync(cancellationToken);
            services.Outbox.Notify();
            response.Headers.ETag = DocumentQueries.ETag(job);
            return TypedResults.AcceptedAtRoute(JobResponse.From(job), "GetJob", new { id = job.Id });
        });
    }
}
