using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching.Audit;

/// <param name="Decision">shortlist, advance, hold or reject.</param>
/// <param name="Reason">Why, in the recruiter's words (1 to 1,000 characters): the record of a person overriding or confirming a recommendation.</param>
public sealed record DecisionInput(Guid CandidateId, string? Decision, string? Reason);

/// <param name="RecordId">The audit record that holds the decision, the score the tool gave at that moment and its components.</param>
public sealed record DecisionRecorded(Guid RecordId, Guid JobId, Guid CandidateId, string Decision, string Reason, double Score);

/// <summary>
/// <c>POST /v1/jobs/{id}/decisions</c>: a recruiter decides about a recommended candidate, with a reason, and the
/// decision goes into the tenant's audit trail beside the score the tool gave the pair at that moment (human
/// oversight, docs/responsible-matching.md). TalentMatch decides nothing itself; this records who decided what, and why.
/// </summary>
internal sealed class DecisionEndpoints : IEndpointContributor
{
    public const int MaxReasonLength = 1000;
    public static readonly IReadOnlyList<string> Decisions = ["shortlist", "advance", "hold", "reject"];

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/jobs/{id:guid}/decisions", Record).WithName("RecordMatchDecision").WithTags("Matches")
            .WithSummary("Record a recruiter's decision about a candidate for a job (shortlist, advance, hold, reject) with a reason, beside the score the tool gave: the audit trail of human oversight")
            .RequireScope(Scopes.CandidatesWrite).ProducesAccessProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<DecisionRecorded>, ProblemHttpResult>> Record(
        Guid id, DecisionInput input, Tenant tenant, ClaimsPrincipal user, MatchFinder finder, AuditTrail audit, CancellationToken cancellationToken)
    {
        var decision = input.Decision?.Trim().ToLowerInvariant();
        if (decision is null || !Decisions.Contains(decision))
        {
            return Problem($"'decision' is one of: {string.Join(", ", Decisions)}.");
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            return Problem($"'reason' is required: why, in 1 to {MaxReasonLength} characters.");
        }

        var job = await finder.LoadAsync(tenant.Id, DocumentKind.Job, id, cancellationToken);
        var candidate = job is null ? null : await finder.LoadAsync(tenant.Id, DocumentKind.Resume, input.CandidateId, cancellationToken);
        if (job is null || candidate is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found", title: "Not found",
                detail: $"No {(job is null ? $"job with id {id}" : $"candidate with id {input.CandidateId}")} that has been processed for matching.");
        }

        var weights = await finder.TenantWeightsAsync(tenant.Id, cancellationToken);
        var result = Matcher.Default.Score(job.Payload.ToJob(id), candidate.Payload.ToCandidate(candidate.Id), weights);
        var recordId = await audit.SaveAsync(tenant.Id, new AuditEntry(AuditOperations.Decision, MatchEndpoints.KeyId(user), job, DocumentKind.Job, weights,
            [new AuditScore(candidate, job, result)], Decision: new AuditDecision(decision, reason)), cancellationToken);
        return TypedResults.Created($"/v1/audit/matches?jobId={id}&candidateId={candidate.Id}",
            new DecisionRecorded(recordId!.Value, id, candidate.Id, decision, reason, result.Score));
    }

    private static ProblemHttpResult Problem(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: "urn:talentmatch:problem:invalid-decision", title: "Invalid decision", detail: detail);
}
