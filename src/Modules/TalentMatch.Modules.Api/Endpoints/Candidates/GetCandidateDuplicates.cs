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

/// <summary><c>GET /v1/candidates/{id}/duplicates</c>: suspected duplicates in the tenant, most likely first; dismissed pairs are left out.</summary>
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
        if (await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken) is null)
        {
            return Problems.NotFound("candidate", id);
        }

        var pairs = await DuplicateDetector.PairsOf(db, tenant.Id, id).AsNoTracking()
            .Where(p => p.DismissedAt == null)
            .Where(p => db.Candidates.Any(c => c.TenantId == tenant.Id && c.Id == (p.FirstId == id ? p.SecondId : p.FirstId) && c.Status != PipelineStatus.Deleted))
            .OrderByDescending(p => p.Score).ThenBy(p => p.FirstId).ThenBy(p => p.SecondId)
            .Take(MaxListed).ToListAsync(cancellationToken);
        return TypedResults.Ok(new CandidateDuplicatesResponse(id,
            [.. pairs.Select(p => new SuspectedDuplicate(p.Other(id), p.Score, p.Reasons, p.DetectedAt))]));
    }
}
