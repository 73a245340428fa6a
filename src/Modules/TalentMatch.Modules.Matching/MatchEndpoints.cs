using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching;
using TalentMatch.Modules.Matching.Audit;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching;

/// <param name="Duplicates">With <c>collapse=duplicates</c>: for each listed candidate that stands for suspected duplicates, their ids (retrieved and folded into it).</param>
public sealed record CandidateMatchesResponse(Guid JobId, IReadOnlyList<MatchResult> Matches, IReadOnlyList<CollapsedDuplicates>? Duplicates = null);

/// <summary>A listed candidate and the suspected duplicates of it that the list folded into it (<c>collapse=duplicates</c>).</summary>
public sealed record CollapsedDuplicates(Guid CandidateId, int Count, IReadOnlyList<Guid> DuplicateIds);

public sealed record JobMatchesResponse(Guid CandidateId, IReadOnlyList<MatchResult> Matches);

/// <summary>What a tenant's matching scores with (<paramref name="Effective"/>), its own overrides, and the product defaults.</summary>
public sealed record MatchingSettingsResponse(MatchWeights Effective, MatchWeightOverrides Overrides, MatchWeights Defaults);

/// <summary>
/// Matches with explanations, both directions, and the candidate's gap analysis. Every score
/// carries its components, the weights used and each requirement's status with evidence. Each list
/// and report served is recorded in the tenant's audit trail before it is returned (ADR 0012).
/// </summary>
internal sealed class MatchEndpoints : IEndpointContributor
{
    public const int DefaultTop = 20;
    public const int MaxTop = 100;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1").WithTags("Matches").ProducesAccessProblems();
        group.MapGet("/jobs/{id:guid}/matches", CandidatesForJob).WithName("MatchCandidatesToJob")
            .WithSummary("The best candidates for a job, with explanations (optional weights=component=x,...)")
            .RequireScope(Scopes.Search).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/candidates/{id:guid}/matches", JobsForCandidate).WithName("MatchJobsToCandidate")
            .WithSummary("The open roles that fit a candidate best, with explanations")
            .RequireAnyScope(Scopes.Search, Scopes.CandidatesRead).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/settings/matching", GetSettings).WithName("GetMatchingSettings")
            .WithSummary("The tenant's matching weights: the defaults with the tenant's own overrides")
            .RequireAnyScope(Scopes.Admin, Scopes.Search);
        group.MapPut("/settings/matching", PutSettings).WithName("PutMatchingSettings")
            .WithSummary("Set the tenant's own default weights (null or absent: the product default)")
            .RequireScope(Scopes.Admin).ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/candidates/{id:guid}/gaps", Gaps).WithName("CandidateGapAnalysis")
            .WithSummary("What a candidate lacks for a job (jobId=) or a target role (role=), with learning resources")
            .RequireAnyScope(Scopes.Search, Scopes.CandidatesRead).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<MatchingSettingsResponse>> GetSettings(Tenant tenant, MatchFinder finder, CancellationToken cancellationToken)
    {
        var overrides = await finder.TenantOverridesAsync(tenant.Id, cancellationToken);
        return TypedResults.Ok(new MatchingSettingsResponse(MatchWeights.Default.With(overrides), overrides ?? new MatchWeightOverrides(), MatchWeights.Default));
    }

    private static async Task<Results<Ok<MatchingSettingsResponse>, ProblemHttpResult>> PutSettings(
        MatchWeightOverrides overrides, Tenant tenant, MatchingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        MatchWeights effective;
        try
        {
            effective = MatchWeights.Default.With(overrides);
        }
        catch (ArgumentException e)
        {
            return Problem("invalid-weights", e.Message);
        }

        var settings = await db.TenantSettings.SingleOrDefaultAsync(t => t.TenantId == tenant.Id, cancellationToken);
        if (settings is null)
        {
            settings = new TenantMatchSettings { TenantId = tenant.Id, WeightOverrides = "" };
            db.TenantSettings.Add(settings);
        }

        settings.WeightOverrides = JsonSerializer.Serialize(overrides, JsonSerializerOptions.Web);
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new MatchingSettingsResponse(effective, overrides, MatchWeights.Default));
    }

    private static async Task<Results<Ok<CandidateMatchesResponse>, ProblemHttpResult>> CandidatesForJob(
        Guid id, int? limit, string? weights, string? collapse, bool? anonymised, Tenant tenant, ClaimsPrincipal user, MatchFinder finder, AuditTrail audit,
        CostlyRequests costly, CancellationToken cancellationToken)
    {
        if (Anonymisation.Resolve(user, anonymised) is not { } anonymity)
        {
            return Anonymisation.Refused();
        }

        var collapsing = string.Equals(collapse, "duplicates", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(collapse) && !collapsing)
        {
            return Problem("invalid-collapse", "'collapse' takes one value: duplicates.");
        }

        using var running = costly.TryEnter(tenant.Id, out var busy);
        if (running is null)
        {
            return busy!;
        }

        if (!TryOptions(limit, weights, await finder.TenantWeightsAsync(tenant.Id, cancellationToken), out var top, out var resolved, out var problem))
        {
            return problem;
        }

        var job = await finder.LoadAsync(tenant.Id, DocumentKind.Job, id, cancellationToken);
        if (job is null)
        {
            return NotMatchable("job", id);
        }

        var ranked = await finder.CandidatesForJobAsync(tenant.Id, job, resolved, top, collapsing, cancellationToken);
        await audit.SaveAsync(tenant.Id, new AuditEntry(AuditOperations.CandidatesForJob, KeyId(user), job, DocumentKind.Job, resolved,
            [.. ranked.Select(r => new AuditScore(r.Candidate, job, r.Result))], top), cancellationToken);
        // Recorded as computed; served as the recruiter may read it.
        return TypedResults.Ok(new CandidateMatchesResponse(id, [.. ranked.Select(r => AnonymisedMatches.Apply(r.Result, r.Candidate.Identity, anonymity))],
            [.. ranked.Where(r => r.Duplicates.Count > 0).Select(r => new CollapsedDuplicates(r.Candidate.Id, r.Duplicates.Count, r.Duplicates))]));
    }

    private static async Task<Results<Ok<JobMatchesResponse>, ProblemHttpResult>> JobsForCandidate(
        Guid id, int? limit, string? weights, bool? anonymised, Tenant tenant, ClaimsPrincipal user, MatchFinder finder, AuditTrail audit, CostlyRequests costly,
        CancellationToken cancellationToken)
    {
        if (Anonymisation.Resolve(user, anonymised) is not { } anonymity)
        {
            return Anonymisation.Refused();
        }

        var (ranked, problem) = await RankRolesAsync(id, limit, weights, anonymity, tenant, user, finder, audit, costly, cancellationToken);
        return problem ?? (Results<Ok<JobMatchesResponse>, ProblemHttpResult>)TypedResults.Ok(new JobMatchesResponse(id, [.. ranked!.Select(r => r.Result)]));
    }

    /// <summary>
    /// The open roles that fit a candidate, ranked and recorded in the audit trail (as computed), then read as
    /// <paramref name="anonymity"/> says: the recruiter's list and the portal's (the candidate's own, never anonymised).
    /// </summary>
    internal static async Task<(IReadOnlyList<(MatchResult Result, LoadedProfile Job)>? Ranked, ProblemHttpResult? Problem)> RankRolesAsync(
        Guid id, int? limit, string? weights, ReadAnonymity anonymity, Tenant tenant, ClaimsPrincipal user, MatchFinder finder, AuditTrail audit, CostlyRequests costly,
        CancellationToken cancellationToken)
    {
        using var running = costly.TryEnter(tenant.Id, out var busy);
        if (running is null)
        {
            return (null, busy!);
        }

        if (!TryOptions(limit, weights, await finder.TenantWeightsAsync(tenant.Id, cancellationToken), out var top, out var resolved, out var problem))
        {
            return (null, problem);
        }

        var candidate = await finder.LoadAsync(tenant.Id, DocumentKind.Resume, id, cancellationToken);
        if (candidate is null)
        {
            return (null, NotMatchable("candidate", id));
        }

        var ranked = await finder.JobsForCandidateAsync(tenant.Id, candidate, resolved, top, minScore: 0, cancellationToken);
        await audit.SaveAsync(tenant.Id, new AuditEntry(AuditOperations.JobsForCandidate, KeyId(user), candidate, DocumentKind.Resume, resolved,
            [.. ranked.Select(r => new AuditScore(candidate, r.Job, r.Result))], top), cancellationToken);
        return ([.. ranked.Select(r => (AnonymisedMatches.Apply(r.Result, candidate.Identity, anonymity), r.Job))], null);
    }

    internal static async Task<Results<Ok<GapReport>, ProblemHttpResult>> Gaps(
        Guid id, Guid? jobId, string? role, Tenant tenant, ClaimsPrincipal user, MatchFinder finder, AuditTrail audit, MatchingDbContext db,
        CancellationToken cancellationToken)
    {
        if (jobId is null == role is null)
        {
            return Problem("invalid-target", "Give exactly one of 'jobId' (a job of yours) or 'role' (a role id from the taxonomy).");
        }

        var candidate = await finder.LoadAsync(tenant.Id, DocumentKind.Resume, id, cancellationToken);
        if (candidate is null)
        {
            return NotMatchable("candidate", id);
        }

        JobProfile target;
        LoadedProfile? stored = null;
        if (jobId is Guid job)
        {
            stored = await finder.LoadAsync(tenant.Id, DocumentKind.Job, job, cancellationToken);
            if (stored is null)
            {
                return NotMatchable("job", job);
            }

            target = stored.Payload.ToJob(job);
        }
        else
        {
            try
            {
                target = ProfileBuilder.Role(role!);
            }
            catch (ArgumentException e)
            {
                return Problem("invalid-target", e.Message);
            }
        }

        var weights = await finder.TenantWeightsAsync(tenant.Id, cancellationToken);
        var profile = candidate.Payload.ToCandidate(id);
        var report = GapAnalyzer.Analyze(profile, target, weights);
        // The report's score is the matcher's (GapAnalyzer scores the same pair the same way); the record keeps its components.
        var scored = Matcher.Default.Score(target, profile, weights);
        await audit.SaveAsync(tenant.Id, new AuditEntry(AuditOperations.Gaps, KeyId(user), candidate, DocumentKind.Resume, weights,
            [new AuditScore(candidate, stored, scored, report.ScoreIfClosed)], Role: stored is null ? role : null), cancellationToken);
        return TypedResults.Ok(await GapMarketValues.AddAsync(db, tenant.Id, candidate, report, cancellationToken));
    }

    internal static Guid? KeyId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TalentMatchClaims.KeyId), out var id) ? id : null;

    /// <summary>The page size, and the tenant's weights with this request's <c>weights=</c> overrides.</summary>
    private static bool TryOptions(int? limit, string? weights, MatchWeights tenantWeights, out int top, out MatchWeights resolved, out ProblemHttpResult problem)
    {
        top = limit ?? DefaultTop;
        resolved = tenantWeights;
        problem = null!;
        if (top is < 1 or > MaxTop)
        {
            problem = Problem("invalid-limit", $"'limit' must be between 1 and {MaxTop}.");
            return false;
        }

        try
        {
            resolved = tenantWeights.WithOverrides(
                (weights ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return true;
        }
        catch (ArgumentException e)
        {
            problem = Problem("invalid-weights", e.Message);
            return false;
        }
    }

    internal static ProblemHttpResult NotMatchable(string what, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found", title: "Not found",
            detail: $"No {what} with id {id} that has been processed for matching (it may still be in the pipeline).");

    private static ProblemHttpResult Problem(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: $"urn:talentmatch:problem:{code}",
            title: "Invalid matching request", detail: detail);
}
