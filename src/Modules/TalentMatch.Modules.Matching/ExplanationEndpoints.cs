using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching;
using TalentMatch.Core.Matching.Explanations;
using TalentMatch.Modules.Matching.Audit;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching;

/// <summary>
/// <c>GET /v1/candidates/{id}/matches/{jobId}/explanation</c>: one match explained to the candidate it is about, in
/// their language (docs/responsible-matching.md). Scored as the match lists score it (tenant weights), and recorded in
/// the audit trail like every other score served.
/// </summary>
internal sealed class ExplanationEndpoints : IEndpointContributor
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/candidates/{id:guid}/matches/{jobId:guid}/explanation", Explain).WithName("ExplainMatchToCandidate").WithTags("Matches")
            .WithSummary("A match explained to the candidate, in plain language (lang=en|zh, or Accept-Language): met and missing requirements with their own evidence, what else counted, what never counts")
            .RequireScope(Scopes.CandidatesRead).ProducesAccessProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CandidateExplanation>, ProblemHttpResult>> Explain(
        Guid id, Guid jobId, string? lang, bool? anonymised, HttpRequest request, Tenant tenant, ClaimsPrincipal user, MatchFinder finder, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        if (lang is not null && !CandidateExplainer.Languages.Contains(lang, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: "urn:talentmatch:problem:invalid-language",
                title: "Invalid matching request", detail: $"'lang' is one of: {string.Join(", ", CandidateExplainer.Languages)}.");
        }

        if (Anonymisation.Resolve(user, anonymised) is not { } anonymity)
        {
            return Anonymisation.Refused();
        }

        var candidate = await finder.LoadAsync(tenant.Id, DocumentKind.Resume, id, cancellationToken);
        var job = candidate is null ? null : await finder.LoadAsync(tenant.Id, DocumentKind.Job, jobId, cancellationToken);
        if (candidate is null || job is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found", title: "Not found",
                detail: $"No {(candidate is null ? $"candidate with id {id}" : $"job with id {jobId}")} that has been processed for matching (it may still be in the pipeline).");
        }

        var weights = await finder.TenantWeightsAsync(tenant.Id, cancellationToken);
        var result = Matcher.Default.Score(job.Payload.ToJob(jobId), candidate.Payload.ToCandidate(id), weights);
        await audit.SaveAsync(tenant.Id, new AuditEntry(AuditOperations.Explanation, MatchEndpoints.KeyId(user), candidate, DocumentKind.Resume, weights,
            [new AuditScore(candidate, job, result)]), cancellationToken);
        var language = CandidateExplainer.LanguageFor(lang, request.Headers[HeaderNames.AcceptLanguage]);
        // The evidence it quotes is cut as the recruiter's reads cut it, under anonymised screening.
        return TypedResults.Ok(CandidateExplainer.Explain(AnonymisedMatches.Apply(result, candidate.Identity, anonymity), Matcher.Default.Taxonomy, language));
    }
}
