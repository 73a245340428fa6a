using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Hosting;
using TalentMatch.Hosting.Security;
using TalentMatch.Matching;

namespace TalentMatch.Matches;

public sealed record CandidateMatchesResponse(Guid JobId, IReadOnlyList<MatchResult> Matches);

public sealed record JobMatchesResponse(Guid CandidateId, IReadOnlyList<MatchResult> Matches);

/// <summary>
/// Matches with explanations, both directions, and the candidate's gap analysis. Every score
/// carries its components, the weights used and each requirement's status with evidence.
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
        group.MapGet("/candidates/{id:guid}/gaps", Gaps).WithName("CandidateGapAnalysis")
            .WithSummary("What a candidate lacks for a job (jobId=) or a target role (role=), with learning resources")
            .RequireAnyScope(Scopes.Search, Scopes.CandidatesRead).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CandidateMatchesResponse>, ProblemHttpResult>> CandidatesForJob(
        Guid id, int? limit, string? weights, Tenant tenant, MatchFinder finder, CancellationToken cancellationToken)
    {
        if (!TryOptions(limit, weights, out var top, out var resolved, out var problem))
        {
            return problem;
        }

        var job = await finder.LoadAsync(tenant.Id, DocumentKind.Job, id, cancellationToken);
        if (job is null)
        {
            return NotMatchable("job", id);
        }

        var ranked = await finder.CandidatesForJobAsync(tenant.Id, job, resolved, top, cancellationToken);
        return TypedResults.Ok(new CandidateMatchesResponse(id, [.. ranked.Select(r => r.Result)]));
    }

    private static async Task<Results<Ok<JobMatchesResponse>, ProblemHttpResult>> JobsForCandidate(
        Guid id, int? limit, string? weights, Tenant tenant, MatchFinder finder, CancellationToken cancellationToken)
    {
        if (!TryOptions(limit, weights, out var top, out var resolved, out var problem))
        {
            return problem;
        }

        var candidate = await finder.LoadAsync(tenant.Id, DocumentKind.Resume, id, cancellationToken);
        if (candidate is null)
        {
            return NotMatchable("candidate", id);
        }

        var ranked = await finder.JobsForCandidateAsync(tenant.Id, candidate, resolved, top, cancellationToken);
        return TypedResults.Ok(new JobMatchesResponse(id, [.. ranked.Select(r => r.Result)]));
    }

    private static async Task<Results<Ok<GapReport>, ProblemHttpResult>> Gaps(
        Guid id, Guid? jobId, string? role, Tenant tenant, MatchFinder finder, CancellationToken cancellationToken)
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
        if (jobId is Guid job)
        {
            var stored = await finder.LoadAsync(tenant.Id, DocumentKind.Job, job, cancellationToken);
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

        return TypedResults.Ok(GapAnalyzer.Analyze(candidate.Payload.ToCandidate(id), target));
    }

    private static bool TryOptions(int? limit, string? weights, out int top, out MatchWeights resolved, out ProblemHttpResult problem)
    {
        top = limit ?? DefaultTop;
        resolved = MatchWeights.Default;
        problem = null!;
        if (top is < 1 or > MaxTop)
        {
            problem = Problem("invalid-limit", $"'limit' must be between 1 and {MaxTop}.");
            return false;
        }

        try
        {
            resolved = MatchWeights.Default.WithOverrides(
                (weights ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return true;
        }
        catch (ArgumentException e)
        {
            problem = Problem("invalid-weights", e.Message);
            return false;
        }
    }

    private static ProblemHttpResult NotMatchable(string what, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found", title: "Not found",
            detail: $"No {what} with id {id} that has been processed for matching (it may still be in the pipeline).");

    private static ProblemHttpResult Problem(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: $"urn:talentmatch:problem:{code}",
            title: "Invalid matching request", detail: detail);
}
