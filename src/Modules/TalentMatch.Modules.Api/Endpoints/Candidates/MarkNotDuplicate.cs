using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary>A recruiter's decision that two candidates are different people.</summary>
/// <param name="CandidateId">The other candidate, of the same tenant.</param>
public sealed record NotDuplicateRequest(Guid? CandidateId);

/// <summary>
/// <c>POST /v1/candidates/{id}/not-duplicate</c>: the pair is no longer suggested, by either
/// candidate's <c>GET …/duplicates</c>. Repeating it changes nothing. The decision is erased with
/// either candidate.
/// </summary>
internal static class MarkNotDuplicate
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapPost("/{id:guid}/not-duplicate", HandleAsync).WithName("MarkNotDuplicate").RequireScope(Scopes.CandidatesWrite)
            .WithSummary("Record that two candidates are different people: the pair is no longer suggested")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, NotDuplicateRequest request, Tenant tenant, ApiDbContext db, TimeProvider clock, OutboxSignal outbox, CancellationToken cancellationToken)
    {
        if (request.CandidateId is not { } otherId || otherId == Guid.Empty)
        {
            return Problems.InvalidField("'candidateId' is required: the id of the candidate that is not the same person.");
        }

        if (otherId == id)
        {
            return Problems.InvalidField("'candidateId' is this candidate's own id: name the other candidate.");
        }

        foreach (var candidate in new[] { id, otherId })
        {
            if (await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, candidate, cancellationToken) is null)
            {
                return Problems.NotFound("candidate", candidate);
            }
        }

        try
        {
            await DismissAsync(db, tenant.Id, DuplicatePair.Order(id, otherId), clock, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The pair was inserted meanwhile (detection, or the same request twice at once): dismiss that row.
            db.ChangeTracker.Clear();
            await DismissAsync(db, tenant.Id, DuplicatePair.Order(id, otherId), clock, cancellationToken);
        }

        // After the decision is committed, search hears of the groups it split (each side's, possibly still one
        // through others). Should this second save fail, the next change to either group tells it.
        if (await DuplicateGroups.StageAsync(db, tenant.Id, [id, otherId], clock, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            outbox.Notify();
        }

        return TypedResults.NoContent();
    }

    private static async Task DismissAsync(ApiDbContext db, string tenantId, (Guid First, Guid Second) ids, TimeProvider clock, CancellationToken cancellationToken)
    {
        var pair = await db.DuplicatePairs.SingleOrDefaultAsync(
            p => p.TenantId == tenantId && p.FirstId == ids.First && p.SecondId == ids.Second, cancellationToken);
        if (pair is null)
        {
            // Not suggested (yet): recorded all the same, so that detection does not suggest it later.
            pair = new DuplicatePair { TenantId = tenantId, FirstId = ids.First, SecondId = ids.Second, DetectedAt = clock.GetUtcNow() };
            db.DuplicatePairs.Add(pair);
        }

        pair.DismissedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
