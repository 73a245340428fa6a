using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching;
using TalentMatch.Core.Skills;
using TalentMatch.Modules.Matching.Audit;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching;

public sealed record PortalSkill(string Id, string Name);

/// <summary>One thing a role asks for and how the candidate stands: matched, partial (via <paramref name="MatchedByName"/>) or missing.</summary>
public sealed record PortalRequirement(string SkillId, string SkillName, RequirementLevel Level, RequirementStatus Status, string? MatchedByName);

public sealed record PortalRole(Guid JobId, string? Title, double Score, IReadOnlyList<PortalRequirement> Requirements);

/// <summary>The candidate's own recognised skills and the tenant's open roles that fit them best.</summary>
public sealed record PortalRolesResponse(Guid CandidateId, IReadOnlyList<PortalSkill> Skills, IReadOnlyList<PortalRole> Roles);

/// <summary>A role's title and the candidate's gap report for it (with learning resources and market value).</summary>
public sealed record PortalGapResponse(Guid JobId, string? Title, GapReport Report);

/// <summary>
/// <c>/v1/portal</c>: the candidate portal's read-only surface (docs/adr/0009-console.md, addendum).
/// Only a portal link's token is accepted, and the candidate is the link's, never a parameter: there
/// is nothing to change in a request to read another candidate. It serves what the recruiter's
/// endpoints compute (same ranking, same gap report, same audit record) but shows the candidate
/// only the roles and their requirements: no score components, weights or evidence from other texts.
/// </summary>
internal sealed class PortalEndpoints : IEndpointContributor
{
    public const int Top = 20;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var portal = endpoints.MapGroup("/v1/portal").WithTags("Candidate portal").RequirePortalCandidate().ProducesAccessProblems();
        portal.MapGet("/roles", RolesAsync).WithName("PortalRoles")
            .WithSummary("The portal's candidate: their skills and the open roles that fit them, each requirement matched, partial or missing")
            .ProducesProblem(StatusCodes.Status404NotFound);
        portal.MapGet("/roles/{jobId:guid}/gaps", GapsAsync).WithName("PortalRoleGaps")
            .WithSummary("The portal's candidate: what they lack for one open role, with courses, certifications and projects")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<PortalRolesResponse>, ProblemHttpResult>> RolesAsync(
        Tenant tenant, ClaimsPrincipal user, MatchFinder finder, AuditTrail audit, CostlyRequests costly, CancellationToken cancellationToken)
    {
        var candidateId = user.PortalCandidate()!.Value;
        var (ranked, problem) = await MatchEndpoints.RankRolesAsync(candidateId, Top, null, ReadAnonymity.None, tenant, user, finder, audit, costly, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var candidate = await finder.LoadAsync(tenant.Id, DocumentKind.Resume, candidateId, cancellationToken);
        var skills = candidate?.Payload.Skills.DistinctBy(s => s.Id).Select(s => new PortalSkill(s.Id, s.Name)).ToList() ?? [];
        var roles = ranked!.Select(r => new PortalRole(r.Job.Id, r.Job.Payload.Title, r.Result.Score,
            [.. r.Result.Requirements.Select(q => new PortalRequirement(q.SkillId, q.SkillName, q.Level, q.Status, q.MatchedByName))]));
        return TypedResults.Ok(new PortalRolesResponse(candidateId, skills, [.. roles]));
    }

    private static async Task<Results<Ok<PortalGapResponse>, ProblemHttpResult>> GapsAsync(
        Guid jobId, Tenant tenant, ClaimsPrincipal user, MatchFinder finder, AuditTrail audit, MatchingDbContext db, CostlyRequests costly,
        CancellationToken cancellationToken)
    {
        using var running = costly.TryEnter(tenant.Id, out var busy);
        if (running is null)
        {
            return busy!;
        }

        // Only an open role of the candidate's tenant: closed and deleted jobs are no longer in matching's store.
        var job = await finder.LoadAsync(tenant.Id, DocumentKind.Job, jobId, cancellationToken);
        if (job is null)
        {
            return MatchEndpoints.NotMatchable("job", jobId);
        }

        var report = await MatchEndpoints.Gaps(user.PortalCandidate()!.Value, jobId, null, tenant, user, finder, audit, db, cancellationToken);
        return report.Result switch
        {
            Ok<GapReport> ok => TypedResults.Ok(new PortalGapResponse(jobId, job.Payload.Title, ok.Value!)),
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("Unexpected gap result."),
        };
    }
}
