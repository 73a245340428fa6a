using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Anonymised as <c>GET /v1/candidates/{id}</c> is (the kept candidate's reveal lifts it); an anonymised version has no file name (it often is the person's name).</summary>
    private static async Task<Results<Ok<CandidateVersionsResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, [FromQuery] bool? anonymised, Tenant tenant, ClaimsPrincipal user, ApiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var candidate = await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken);
        if (candidate is null)
        {
            return Problems.NotFound("candidate", id);
        }

        var keptId = candidate.MergedIntoId ?? candidate.Id;
        var anonymity = await CandidateReveals.ResolveAsync(user, anonymised, db, tenant, keptId, clock, cancellationToken);
        if (anonymity is null)
        {
            return Anonymisation.Refused();
        }

        var versions = (await CandidateVersions.Of(db, tenant.Id, keptId).AsNoTracking().ToListAsync(cancellationToken))
            .Select(v => (Version: v, Read: CandidateReveals.Redact(v.Text, v.Skills, anonymity, cancellationToken))).ToList();
        return TypedResults.Ok(new CandidateVersionsResponse(keptId,
            [.. versions.Select(v => new CandidateVersion(v.Version.Id, v.Version.Id == keptId, v.Version.SubmittedAt,
                anonymity.Anonymised ? null : v.Version.FileName, v.Read.Text, v.Read.Skills))],
            MergePlan.SkillUnion(versions.Select(v => (v.Version.Id, (IReadOnlyList<ExtractedSkill>)v.Read.Skills)))));
    }
}
