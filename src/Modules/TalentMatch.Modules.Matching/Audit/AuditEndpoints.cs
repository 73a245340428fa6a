using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching.Audit;

/// <param name="Erased">The content went with an erased candidate or job; the hash stays in the chain.</param>
public sealed record AuditRowView(int Position, bool Erased, AuditRowContent? Content, string RowHash);

/// <param name="Header">Null once erased.</param>
public sealed record AuditRecordView(
    Guid Id, long Sequence, string Operation, DateTimeOffset RecordedAt, bool Erased, AuditHeader? Header, IReadOnlyList<AuditRowView> Rows,
    string RecordHash, string ChainHash);

/// <param name="Next">Pass as <c>after=</c> for the next page; null on the last.</param>
public sealed record AuditRecordPage(IReadOnlyList<AuditRecordView> Records, long? Next);

/// <summary>The record of every score served (ADR 0012): read it, verify its chain, score a record again. Scope <c>audit</c>.</summary>
internal sealed class AuditEndpoints : IEndpointContributor
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/audit/matches").WithTags("Audit").ProducesAccessProblems().RequireScope(Scopes.Audit);
        group.MapGet("", List).WithName("ListMatchAuditRecords")
            .WithSummary("The records of served matches and gap reports, oldest first (filters: candidateId, jobId, from, to; paged with after=)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/verify", Verify).WithName("VerifyMatchAuditChain")
            .WithSummary("Walk the tenant's hash chain: whether any record was edited, inserted or deleted");
        group.MapGet("/{id:guid}/replay", Replay).WithName("ReplayMatchAuditRecord")
            .WithSummary("Score a record's rows again from the inputs and weights it recorded, next to the recorded scores")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<AuditRecordPage>, ProblemHttpResult>> List(
        Guid? candidateId, Guid? jobId, DateTimeOffset? from, DateTimeOffset? to, long? after, int? limit, Tenant tenant, MatchingDbContext db,
        CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return Problem("invalid-limit", $"'limit' must be between 1 and {MaxLimit}.");
        }

        if (after is < 0)
        {
            return Problem("invalid-cursor", "'after' is the 'next' of the previous page: a record's sequence number, 0 or more.");
        }

        var query = db.AuditRecords.AsNoTracking().Where(r => r.TenantId == tenant.Id && r.Sequence > (after ?? 0));
        if (candidateId is Guid candidate)
        {
            query = query.Where(r => r.SubjectId == candidate || r.Rows.Any(row => row.CandidateId == candidate));
        }

        if (jobId is Guid job)
        {
            query = query.Where(r => r.SubjectId == job || r.Rows.Any(row => row.JobId == job));
        }

        if (from is { } start)
        {
            var ms = start.ToUnixTimeMilliseconds();
            query = query.Where(r => r.RecordedAtMs >= ms);
        }

        if (to is { } end)
        {
            var ms = end.ToUnixTimeMilliseconds();
            query = query.Where(r => r.RecordedAtMs < ms);
        }

        var records = await query.Include(r => r.Rows).OrderBy(r => r.Sequence).Take(take + 1).AsSplitQuery().ToListAsync(cancellationToken);
        var page = records.Take(take).Select(View).ToList();
        return TypedResults.Ok(new AuditRecordPage(page, records.Count > take ? page[^1].Sequence : null));
    }

    private static async Task<Results<Ok<AuditVerification>, ProblemHttpResult>> Verify(
        Tenant tenant, MatchingDbContext db, CostlyRequests costly, CancellationToken cancellationToken)
    {
        // A walk of the whole chain: one at a time per tenant, like the other costly reads.
        using var running = costly.TryEnter(tenant.Id, out var busy);
        if (running is null)
        {
            return busy!;
        }

        return TypedResults.Ok(await new AuditVerifier(db).VerifyAsync(tenant.Id, cancellationToken));
    }

    private static async Task<Results<Ok<AuditReplay>, ProblemHttpResult>> Replay(Guid id, Tenant tenant, MatchingDbContext db, CancellationToken cancellationToken) =>
        await new AuditReplayer(db).ReplayAsync(tenant.Id, id, cancellationToken) is { } replay
            ? TypedResults.Ok(replay)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found", title: "Not found",
                detail: $"No audit record with id {id} whose content is still held (erased records keep only their hashes).");

    private static AuditRecordView View(AuditRecord r) => new(
        r.Id, r.Sequence, r.Operation, DateTimeOffset.FromUnixTimeMilliseconds(r.RecordedAtMs), r.ErasedAt is not null,
        r.Header is null ? null : JsonSerializer.Deserialize<AuditHeader>(r.Header, AuditJson.Options),
        [.. r.Rows.OrderBy(row => row.Position).Select(row => new AuditRowView(row.Position, row.Content is null,
            row.Content is null ? null : JsonSerializer.Deserialize<AuditRowContent>(row.Content, AuditJson.Options), row.RowHash))],
        r.RecordHash, r.ChainHash);

    private static ProblemHttpResult Problem(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: $"urn:talentmatch:problem:{code}",
            title: "Invalid audit request", detail: detail);
}
