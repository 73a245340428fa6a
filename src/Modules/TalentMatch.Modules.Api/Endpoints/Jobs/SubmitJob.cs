using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Jobs;

/// <summary><c>POST /v1/jobs</c>: a job description as JSON (with an optional title) or plain text.</summary>
internal static class SubmitJob
{
    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapPost("/", HandleAsync).WithName("SubmitJob").RequireScope(Scopes.JobsWrite).WithIdempotency()
            .WithSummary("Submit a job description").ProducesSubmissionProblems()
            // A replay of this request after its document was erased (IdempotencyStore.EraseForAsync).
            .ProducesProblem(StatusCodes.Status410Gone);

    private static async Task<Results<AcceptedAtRoute<JobResponse>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        var (submission, problem) = await DocumentSubmission.ReadAsync(request, services.Options.Value.MaxDocumentBytes, cancellationToken);
        if (submission is null)
        {
            return problem!;
        }

        var job = new Job
        {
            Id = Guid.CreateVersion7(),
            TenantId = services.Tenant.Id,
            Title = submission.Title,
            Text = submission.Text,
            SubmittedAt = services.Clock.GetUtcNow(),
        };
        services.Db.Jobs.Add(job);
        services.Db.Outbox.Add(OutboxMessage.For(new JobSubmitted(job.Id, job.TenantId, job.Title, job.Text, job.SubmittedAt), services.Clock));
        await services.Db.SaveChangesAsync(cancellationToken);
        services.Outbox.Notify();

        return TypedResults.AcceptedAtRoute(JobResponse.From(job), "GetJob", new { id = job.Id });
    }
}
