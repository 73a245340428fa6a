using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api.Endpoints;

/// <summary>The JSON form of a submission (plain text is the other).</summary>
/// <param name="Text">The document text (required).</param>
/// <param name="Title">A job's title (optional; parsed from the text when absent).</param>
public sealed record SubmitDocumentRequest(string Text, string? Title);

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
    DateTimeOffset? ClosedAt,
    RejectionResponse? Rejection);

/// <summary>A list entry: everything but the text.</summary>
public sealed record DocumentSummary(
    Guid Id,
    PipelineStatus Status,
    string? Title,
    IReadOnlyList<SkillResponse> Skills,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? IndexedAt,
    DateTimeOffset? ClosedAt);

/// <summary>One page of a list; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record DocumentPage(IReadOnlyList<DocumentSummary> Items, string? NextCursor);

internal static class SubmissionOpenApi
{
    /// <summary>
    /// Documents the two body forms and the problems of a submission. The body is described by a
    /// transformer, not by <c>Accepts()</c>: that would make routing answer a wrong content type
    /// itself, with a generic 415 instead of ours that says what to send.
    /// </summary>
    public static RouteHandlerBuilder ProducesSubmissionProblems(this RouteHandlerBuilder builder) =>
        builder
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var schema = await context.GetOrCreateSchemaAsync(typeof(SubmitDocumentRequest), null, cancellationToken);
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Description = "The document: JSON, the plain text itself (UTF-8), or (resumes) a file in the multipart field 'file'.",
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = schema },
                        ["text/plain"] = new()
                        {
                            Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String },
                            Example = System.Text.Json.Nodes.JsonValue.Create(
                                "Jane Doe — ML infrastructure engineer. 5 years of PyTorch, DeepSpeed ZeRO-3 on 512 GPUs, CUDA kernels, vLLM serving."),
                        },
                        ["multipart/form-data"] = new()
                        {
                            Schema = new Microsoft.OpenApi.OpenApiSchema
                            {
                                Type = Microsoft.OpenApi.JsonSchemaType.Object,
                                Properties = new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>
                                {
                                    ["file"] = new Microsoft.OpenApi.OpenApiSchema
                                    {
                                        Type = Microsoft.OpenApi.JsonSchemaType.String,
                                        Format = "binary",
                                        Description = "PDF, DOCX, HTML, Markdown or text; at most 10 MiB (resumes only).",
                                    },
                                },
                            },
                        },
                    },
                };
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>
/// <c>/v1/candidates</c> and <c>/v1/jobs</c>: submit a document (202 Accepted: parsing and
/// indexing happen on the bus) and read it back with its pipeline status.
/// </summary>
internal sealed class DocumentEndpoints : IEndpointContributor
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var candidates = endpoints.MapGroup("/v1/candidates").WithTags("Candidates").ProducesAccessProblems();
        candidates.MapPost("/", SubmitCandidate).WithName("SubmitCandidate").RequireScope(Scopes.CandidatesWrite).WithIdempotency()
            .WithSummary("Submit a resume").ProducesSubmissionProblems();
        candidates.MapGet("/", ListCandidates).WithName("ListCandidates").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("List candidates, newest last, a page at a time").ProducesProblem(StatusCodes.Status400BadRequest);
        candidates.MapDelete("/{id:guid}", DeleteCandidate).WithName("DeleteCandidate").RequireScope(Scopes.CandidatesWrite)
            .WithSummary("Delete a candidate: erases the resume and removes it from search").ProducesProblem(StatusCodes.Status404NotFound);
        candidates.MapGet("/{id:guid}", GetCandidate).WithName("GetCandidate").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("Get a candidate and its pipeline status").ProducesProblem(StatusCodes.Status404NotFound);

        var jobs = endpoints.MapGroup("/v1/jobs").WithTags("Jobs").ProducesAccessProblems();
        jobs.MapPost("/", SubmitJob).WithName("SubmitJob").RequireScope(Scopes.JobsWrite).WithIdempotency()
            .WithSummary("Submit a job description").ProducesSubmissionProblems();
        jobs.MapGet("/", ListJobs).WithName("ListJobs").RequireAnyScope(Scopes.JobsWrite, Scopes.Search)
            .WithSummary("List jobs, newest last, a page at a time").ProducesProblem(StatusCodes.Status400BadRequest);
        jobs.MapDelete("/{id:guid}", DeleteJob).WithName("DeleteJob").RequireScope(Scopes.JobsWrite)
            .WithSummary("Delete a job and remove it from search").ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapPut("/{id:guid}", ReplaceJob).WithName("ReplaceJob").RequireScope(Scopes.JobsWrite)
            .WithSummary("Replace a job's title and text (If-Match: the ETag from GET); it is parsed and indexed again")
            .ProducesSubmissionProblems()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        jobs.MapPost("/{id:guid}/close", CloseJob).WithName("CloseJob").RequireScope(Scopes.JobsWrite).WithIdempotency()
            .WithSummary("Close a job: it stays readable but leaves search and matching").ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapGet("/{id:guid}", GetJob).WithName("GetJob").RequireAnyScope(Scopes.JobsWrite, Scopes.Search)
            .WithSummary("Get a job and its pipeline status").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<AcceptedAtRoute<CandidateResponse>, ProblemHttpResult>> SubmitCandidate(
        HttpRequest request, Tenant tenant, ApiDbContext db, OutboxSignal outbox, TimeProvider clock,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (submission, problem) = await DocumentSubmission.ReadAsync(
            request, options.Value.MaxDocumentBytes, cancellationToken, maxUploadBytes: options.Value.MaxUploadBytes);
        if (submission is null)
        {
            return problem!;
        }

        var candidate = new Candidate
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant.Id,
            Text = submission.Text, // empty for an upload until ingestion has read the file
            FileName = submission.FileName,
            SubmittedAt = clock.GetUtcNow(),
        };
        db.Candidates.Add(candidate);
        // The candidate and the event that starts its pipeline commit together (outbox).
        db.Outbox.Add(OutboxMessage.For(new ResumeSubmitted(candidate.Id, candidate.TenantId, candidate.Text, candidate.SubmittedAt,
            submission.File, submission.FileName), clock));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();

        return TypedResults.AcceptedAtRoute(ToResponse(candidate), "GetCandidate", new { id = candidate.Id });
    }

    private static async Task<Results<AcceptedAtRoute<JobResponse>, ProblemHttpResult>> SubmitJob(
        HttpRequest request, Tenant tenant, ApiDbContext db, OutboxSignal outbox, TimeProvider clock,
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
        db.Outbox.Add(OutboxMessage.For(new JobSubmitted(job.Id, job.TenantId, job.Title, job.Text, job.SubmittedAt), clock));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();

        return TypedResults.AcceptedAtRoute(ToResponse(job), "GetJob", new { id = job.Id });
    }

    private static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> GetCandidate(
        Guid id, HttpResponse response, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        var candidate = await FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken);
        if (candidate is null)
        {
            return Problems.NotFound("candidate", id);
        }

        response.Headers.ETag = ETag(candidate);
        return TypedResults.Ok(ToResponse(candidate));
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetJob(
        Guid id, HttpResponse response, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        var job = await FindLiveAsync(db.Jobs.AsNoTracking(), tenant, id, cancellationToken);
        if (job is null)
        {
            return Problems.NotFound("job", id);
        }

        response.Headers.ETag = ETag(job);
        return TypedResults.Ok(ToResponse(job));
    }

    private static async Task<Results<AcceptedAtRoute<JobResponse>, ProblemHttpResult>> ReplaceJob(
        Guid id, HttpRequest request, HttpResponse response, Tenant tenant, ApiDbContext db, OutboxSignal outbox, TimeProvider clock,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var job = await FindLiveAsync(db.Jobs, tenant, id, cancellationToken);
        if (job is null)
        {
            return Problems.NotFound("job", id);
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return Problems.PreconditionRequired();
        }

        if (ifMatch.Trim() != "*" && !ifMatch.Split(',').Select(tag => tag.Trim()).Contains(ETag(job)))
        {
            return Problems.ETagMismatch();
        }

        if (!job.IsOpen)
        {
            return Problems.JobClosed(id);
        }

        var (submission, problem) = await DocumentSubmission.ReadAsync(request, options.Value.MaxDocumentBytes, cancellationToken);
        if (submission is null)
        {
            return problem!;
        }

        job.Replace(submission.Title, submission.Text);
        db.Outbox.Add(OutboxMessage.For(new JobSubmitted(job.Id, job.TenantId, job.Title, job.Text, clock.GetUtcNow(), job.Revision), clock));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.ETagMismatch(); // changed between our read and our write
        }

        outbox.Notify();
        response.Headers.ETag = ETag(job);
        return TypedResults.AcceptedAtRoute(ToResponse(job), "GetJob", new { id = job.Id });
    }

    /// <summary>The one lookup by id: the caller's tenant only, never a deleted document's tombstone.</summary>
    private static Task<T?> FindLiveAsync<T>(IQueryable<T> documents, Tenant tenant, Guid id, CancellationToken cancellationToken)
        where T : TrackedDocument =>
        documents.SingleOrDefaultAsync(d => d.Id == id && d.TenantId == tenant.Id && d.Status != PipelineStatus.Deleted, cancellationToken);

    /// <summary>A strong validator: the document's version, bumped by every change the client could see.</summary>
    private static string ETag(TrackedDocument document) => $"\"{document.Version}\"";

    private static Task<Results<Ok<DocumentPage>, ProblemHttpResult>> ListCandidates(
        int? limit, string? cursor, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken) =>
        ListAsync(db.Candidates.Where(c => c.TenantId == tenant.Id), limit, cursor, c => Summary(c, null, null), cancellationToken);

    private static Task<Results<Ok<DocumentPage>, ProblemHttpResult>> ListJobs(
        int? limit, string? cursor, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken) =>
        ListAsync(db.Jobs.Where(j => j.TenantId == tenant.Id), limit, cursor, j => Summary(j, j.Title, j.ClosedAt), cancellationToken);

    private static async Task<Results<Ok<DocumentPage>, ProblemHttpResult>> ListAsync<T>(
        IQueryable<T> documents, int? limit, string? cursor, Func<T, DocumentSummary> summary, CancellationToken cancellationToken)
        where T : TrackedDocument
    {
        if (!Paging.IsValidLimit(limit))
        {
            return Problems.InvalidLimit();
        }

        if (!Paging.TryDecode(cursor, out var after))
        {
            return Problems.InvalidCursor();
        }

        var size = limit ?? Paging.DefaultLimit;
        documents = documents.AsNoTracking().Where(d => d.Status != PipelineStatus.Deleted);
        if (after is Guid last)
        {
            documents = documents.Where(d => d.Id.CompareTo(last) > 0);
        }

        // One row more than the page tells whether there is a next page.
        var rows = await documents.OrderBy(d => d.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? Paging.Encode(rows[size - 1].Id) : null;
        return TypedResults.Ok(new DocumentPage([.. rows.Take(size).Select(summary)], next));
    }

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteCandidate(
        Guid id, Tenant tenant, ApiDbContext db, OutboxSignal outbox, TimeProvider clock, CancellationToken cancellationToken) =>
        DeleteAsync(db, db.Candidates, DocumentKind.Resume, "candidate", id, tenant, outbox, clock, cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteJob(
        Guid id, Tenant tenant, ApiDbContext db, OutboxSignal outbox, TimeProvider clock, CancellationToken cancellationToken) =>
        DeleteAsync(db, db.Jobs, DocumentKind.Job, "job", id, tenant, outbox, clock, cancellationToken);

    /// <summary>Erases the document (tombstone) and, in the same transaction, tells the index and matching to forget it.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<T>(
        ApiDbContext db, IQueryable<T> documents, DocumentKind kind, string what, Guid id, Tenant tenant,
        OutboxSignal outbox, TimeProvider clock, CancellationToken cancellationToken)
        where T : TrackedDocument
    {
        var document = await FindLiveAsync(documents, tenant, id, cancellationToken);
        if (document is null)
        {
            return Problems.NotFound(what, id);
        }

        document.MarkDeleted(clock.GetUtcNow());
        db.Outbox.Add(OutboxMessage.For(new DocumentDeleted(id, tenant.Id, kind), clock));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> CloseJob(
        Guid id, Tenant tenant, ApiDbContext db, OutboxSignal outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        var job = await FindLiveAsync(db.Jobs, tenant, id, cancellationToken);
        if (job is null)
        {
            return Problems.NotFound("job", id);
        }

        if (job.IsOpen)
        {
            job.Close(clock.GetUtcNow());
            // Out of search (and so out of matching); the record stays readable.
            db.Outbox.Add(OutboxMessage.For(new DocumentDeleted(id, tenant.Id, DocumentKind.Job), clock));
            await db.SaveChangesAsync(cancellationToken);
            outbox.Notify();
        }

        return TypedResults.Ok(ToResponse(job));
    }

    private static DocumentSummary Summary(TrackedDocument d, string? title, DateTimeOffset? closedAt) =>
        new(d.Id, d.Status, title, Skills(d), d.SubmittedAt, d.IndexedAt, closedAt);

    private static CandidateResponse ToResponse(Candidate c) =>
        new(c.Id, c.Status, c.Text, Skills(c), c.SubmittedAt, c.IndexedAt, Rejection(c));

    private static JobResponse ToResponse(Job j) =>
        new(j.Id, j.Status, j.Title, j.Text, Skills(j), j.SubmittedAt, j.IndexedAt, j.ClosedAt, Rejection(j));

    private static List<SkillResponse> Skills(TrackedDocument d) =>
        [.. d.Skills.Select(s => new SkillResponse(s.Id, s.Name, s.Level))];

    private static RejectionResponse? Rejection(TrackedDocument d) =>
        d.RejectionReason is null ? null : new RejectionResponse(d.RejectionReason, d.RejectionDetail ?? "");
}
