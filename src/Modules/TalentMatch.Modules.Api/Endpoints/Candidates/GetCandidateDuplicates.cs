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

/// <summary><c>GET /v1/candidates/{id}/duplicates</c>: suspected duplicates in the tenant, most likely first; dismissed pairs and pairs under the tenant's threshold are left out; a merged candidate's versions all count, and stand for it.</summary>
internal static class GetCandidateDuplicates
{
    /// <summary>Pairs listed at most (detection records at most <see cref="DuplicateDetector.MaxComparisons"/> per resume, usually a handful).</summary>
    public const int MaxListed = 100;

    /// <summary>Pairs read at most to list them (dismissed ones and several versions of one candidate fold away).</summary>
    private const int MaxPairsRead = 4 * MaxListed;

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

        // A merged candidate is one person: the pairs of all its versions count, its own versions are
        // never suggested, and another candidate's version stands for that candidate. A pair a recruiter
        // dismissed rules out the candidate it stands for.
        var group = await CandidateVersions.Of(db, tenant.Id, candidate.MergedIntoId ?? id).Select(c => c.Id).ToListAsync(cancellationToken);
        var threshold = await DuplicateThresholds.OfAsync(db, tenant.Id, cancellationToken);
        var pairs = await db.DuplicatePairs.AsNoTracking()
            .Where(p => p.TenantId == tenant.Id && (p.DismissedAt != null || p.Score >= threshold))
            .Where(p => (group.Contains(p.FirstId) && !group.Contains(p.SecondId)) || (!group.Contains(p.FirstId) && group.Contains(p.SecondId)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.FirstId).ThenBy(p => p.SecondId)
            .Take(MaxPairsRead).ToListAsync(cancellationToken);
        Guid OtherOf(DuplicatePair p) => group.Contains(p.FirstId) ? p.SecondId : p.FirstId;
        var others = pairs.Select(OtherOf).Distinct().ToList();
        var standsFor = (await db.Candidates.AsNoTracking()
                .Where(c => c.TenantId == tenant.Id && others.Contains(c.Id) && c.Status != PipelineStatus.Deleted)
                .Select(c => new { c.Id, c.MergedIntoId }).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, c => c.MergedIntoId ?? c.Id);
        var live = pairs.Where(p => standsFor.ContainsKey(OtherOf(p)) && !group.Contains(standsFor[OtherOf(p)]))
            .Select(p => (Other: standsFor[OtherOf(p)], Pair: p)).ToList();
        var dismissed = live.Where(p => p.Pair.DismissedAt is not null).Select(p => p.Other).ToHashSet();
        var listed = live.Where(p => !dismissed.Contains(p.Other))
            .DistinctBy(p => p.Other) // paired with several versions of one candidate: the likeliest pair
            .Take(MaxListed);
        return TypedResults.Ok(new CandidateDuplicatesResponse(id,
            [.. listed.Select(p => new SuspectedDuplicate(p.Other, p.Pair.Score, p.Pair.Reasons, p.Pair.DetectedAt))]));
    }
}
