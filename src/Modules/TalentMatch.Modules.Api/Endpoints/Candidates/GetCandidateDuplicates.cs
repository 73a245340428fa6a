using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary>A candidate that may be the same person, with how sure detection is and why.</summary>
/// <param name="CandidateId">The other candidate.</param>
/// <param name="Score">0–1; from 0.5 a pair is suggested; same e-mail 0.99, same phone 0.97, otherwise mostly the text's similarity.</param>
/// <param name="Reasons">What agrees, for a person to judge: "same e-mail", "same phone", "same name", "2 same employers", "text 0.93 similar".</param>
/// <param name="DetectedAt">When the later of the two was parsed.</param>
public sealed record SuspectedDuplicate(Guid CandidateId, double Score, IReadOnlyList<string> Reasons, DateTimeOffset DetectedAt);

public sealed record CandidateDuplicatesResponse(Guid CandidateId, IReadOnlyList<SuspectedDuplicate> Duplicates);

/// <summary><c>GET /v1/candidates/{id}/duplicates</c>: suspected duplicates in the tenant, most likely first; dismissed pairs, pairs under the tenant's threshold and merged-away candidates are left out; a merged candidate's versions all count.</summary>
internal static class GetCandidateDuplicates
{
    /// <summary>Pairs listed at most (detection records at most <see cref="DuplicateDetector.MaxComparisons"/> per resume, usually a handful).</summary>
    public const int MaxListed = 100;

    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapGet("/{id:guid}/duplicates", HandleAsync).WithName("GetCandidateDuplicates")
            .RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("Suspected duplicates of a candidate, with score and reasons").ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<CandidateDuplicatesResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        var candidate = await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken);
        if (candidate is null)
        {
            return Problems.NotFound("candidate", id);
        }

        // A merged candidate is one person: the pairs of all its versions count, and neither its own
        // versions nor another candidate's are suggested (that candidate itself is, through its pairs).
        var group = await CandidateVersions.Of(db, tenant.Id, candidate.MergedIntoId ?? id).Select(c => c.Id).ToListAsync(cancellationToken);
        var threshold = await DuplicateThresholds.OfAsync(db, tenant.Id, cancellationToken);
        var pairs = await db.DuplicatePairs.AsNoTracking()
            .Where(p => p.TenantId == tenant.Id && p.DismissedAt == null && p.Score >= threshold)
            .Where(p => (group.Contains(p.FirstId) && !group.Contains(p.SecondId)) || (!group.Contains(p.FirstId) && group.Contains(p.SecondId)))
            .Where(p => db.Candidates.Any(c => c.TenantId == tenant.Id && c.Id == (group.Contains(p.FirstId) ? p.SecondId : p.FirstId)
                && c.Status != PipelineStatus.Deleted && c.MergedIntoId == null))
            .OrderByDescending(p => p.Score).ThenBy(p => p.FirstId).ThenBy(p => p.SecondId)
            .Take(MaxListed).ToListAsync(cancellationToken);
        var listed = pairs.Select(p => (Other: group.Contains(p.FirstId) ? p.SecondId : p.FirstId, Pair: p))
            .DistinctBy(p => p.Other); // two versions paired with the same candidate: the likelier pair
        return TypedResults.Ok(new CandidateDuplicatesResponse(id,
            [.. listed.Select(p => new SuspectedDuplicate(p.Other, p.Pair.Score, p.Pair.Reasons, p.Pair.DetectedAt))]));
    }
}
