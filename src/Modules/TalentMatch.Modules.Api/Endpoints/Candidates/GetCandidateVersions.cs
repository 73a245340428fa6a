using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary>One submission of a candidate, as it was read.</summary>
/// <param name="Kept">The version whose profile search and matching use (the candidate's own submission).</param>
public sealed record CandidateVersion(Guid Id, bool Kept, DateTimeOffset SubmittedAt, string? FileName, string Text, IReadOnlyList<ExtractedSkill> Skills);

/// <summary>A candidate's submissions and the union of their skills, each with the evidence of every version it was found in.</summary>
public sealed record CandidateVersionsResponse(Guid CandidateId, IReadOnlyList<CandidateVersion> Versions, IReadOnlyList<MergedSkill> Skills);

/// <summary><c>GET /v1/candidates/{id}/versions</c>: every submission a (merged) candidate holds; a version's own id answers with the candidate it belongs to.</summary>
internal static class GetCandidateVersions
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapGet("/{id:guid}/versions", HandleAsync).WithName("GetCandidateVersions").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("Every submission of a candidate, and the union of their skills with evidence per version")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<CandidateVersionsResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        var candidate = await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken);
        if (candidate is null)
        {
            return Problems.NotFound("candidate", id);
        }

        var keptId = candidate.MergedIntoId ?? candidate.Id;
        var versions = await CandidateVersions.Of(db, tenant.Id, keptId).AsNoTracking().ToListAsync(cancellationToken);
        return TypedResults.Ok(new CandidateVersionsResponse(keptId,
            [.. versions.Select(v => new CandidateVersion(v.Id, v.Id == keptId, v.SubmittedAt, v.FileName, v.Text, v.Skills))],
            MergePlan.SkillUnion(versions.Select(v => (v.Id, (IReadOnlyList<ExtractedSkill>)v.Skills)))));
    }
}
