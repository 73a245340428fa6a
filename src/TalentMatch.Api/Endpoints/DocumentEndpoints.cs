using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentMatch.Api.Persistence;
using TalentMatch.Contracts;
using TalentMatch.Hosting;
using TalentMatch.Hosting.Security;

namespace TalentMatch.Api.Endpoints;

public sealed record SkillResponse(string Id, string Name, string? Level);

public sealed record RejectionResponse(string Reason, string Detail);

public sealed record CandidateResponse(
    Guid Id,
    PipelineStatus Status,
    string Text,
    IReadOnlyList<SkillResponse> Skills,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? IndexedAt,
    RejectionResponse? Rejection);

public sealed record JobResponse(
    Guid Id,
    PipelineStatus Status,
    string? Title,
    string Text,
    IReadOnlyList<SkillResponse> Skills,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? IndexedAt,
    RejectionResponse? Rejection);

/// <summary>
/// <c>/v1/candidates</c> and <c>/v1/jobs</c>: submit a document (202 Accepted: parsing and
/// indexing happen on the bus) and read it back with its pipeline status.
/// </summary>
internal sealed class DocumentEndpoints : IEndpointContributor
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var candidates = endpoints.MapGroup("/v1/candidates").WithTags("Candidates");
        candidates.MapPost("/", SubmitCandidate).WithName("SubmitCandidate").RequireScope(Scopes.CandidatesWrite);
        candidates.MapGet("/{id:guid}", GetCandidate).WithName("GetCandidate").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite);

        var jobs = endpoints.MapGroup("/v1/jobs").WithTags("Jobs");
        jobs.MapPost("/", SubmitJob).WithName("SubmitJob").RequireScope(Scopes.JobsWrite);
        jobs.MapGet("/{id:guid}", GetJob).WithName("GetJob").RequireAnyScope(Scopes.JobsWrite, Scopes.Search);
    }

    private static async Task<Results<AcceptedAtRoute<CandidateResponse>, ProblemHttpResult>> SubmitCandidate(
        HttpRequest request, Tenant tenant, ApiDbContext db, IPublishEndpoint bus, TimeProvider clock,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (submission, problem) = await DocumentSubmission.ReadAsync(request, options.Value.MaxDocumentBytes, cancellationToken);
        if (submission is null)
        {
            return problem!;
        }

        var candidate = new Candidate
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant.Id,
            Text = submission.Text,
            SubmittedAt = clock.GetUtcNow(),
        };
        db.Candidates.Add(candidate);
        await db.SaveChangesAsync(cancellationToken);
        await bus.Publish(new ResumeSubmitted(candidate.Id, candidate.TenantId, candidate.Text, candidate.SubmittedAt), cancellationToken);

        return TypedResults.AcceptedAtRoute(ToResponse(candidate), "GetCandidate", new { id = candidate.Id });
    }

    private static async Task<Results<AcceptedAtRoute<JobResponse>, ProblemHttpResult>> SubmitJob(
        HttpRequest request, Tenant tenant, ApiDbContext db, IPublishEndpoint bus, TimeProvider clock,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (submission, problem) = await DocumentSubmission.ReadAsync(request, options.Value.MaxDocumentBytes, cancellationToken);
        if (submission is null)
        {
            return problem!;
        }

        var job = new Job
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant.Id,
            Title = submission.Title,
            Text = submission.Text,
            SubmittedAt = clock.GetUtcNow(),
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        await bus.Publish(new JobSubmitted(job.Id, job.TenantId, job.Title, job.Text, job.SubmittedAt), cancellationToken);

        return TypedResults.AcceptedAtRoute(ToResponse(job), "GetJob", new { id = job.Id });
    }

    private static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> GetCandidate(
        Guid id, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        var candidate = await db.Candidates.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == id && c.TenantId == tenant.Id, cancellationToken);
        return candidate is null ? Problems.NotFound("candidate", id) : TypedResults.Ok(ToResponse(candidate));
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetJob(
        Guid id, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.Id == id && j.TenantId == tenant.Id, cancellationToken);
        return job is null ? Problems.NotFound("job", id) : TypedResults.Ok(ToResponse(job));
    }

    private static CandidateResponse ToResponse(Candidate c) =>
        new(c.Id, c.Status, c.Text, Skills(c), c.SubmittedAt, c.IndexedAt, Rejection(c));

    private static JobResponse ToResponse(Job j) =>
        new(j.Id, j.Status, j.Title, j.Text, Skills(j), j.SubmittedAt, j.IndexedAt, Rejection(j));

    private static List<SkillResponse> Skills(TrackedDocument d) =>
        [.. d.Skills.Select(s => new SkillResponse(s.Id, s.Name, s.Level))];

    private static RejectionResponse? Rejection(TrackedDocument d) =>
        d.RejectionReason is null ? null : new RejectionResponse(d.RejectionReason, d.RejectionDetail ?? "");
}
