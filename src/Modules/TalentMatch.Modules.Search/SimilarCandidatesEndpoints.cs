using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Platform.Persistence.Search;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Search;

public sealed record SimilarCandidatesResponse(Guid CandidateId, IReadOnlyList<SearchHitResponse> Hits);

/// <summary>
/// <c>GET /v1/candidates/{id}/similar</c>, "more like this": the tenant's candidates nearest to one of them, by its
/// vector (kNN) fused with its skills (each one a nice-to-have, so a shared skill or a descendant of it ranks higher),
/// by reciprocal rank fusion as hybrid search fuses. Only what the index holds: a candidate merged into another
/// left the index with the merge, so it is neither a subject (404) nor a hit.
/// </summary>
internal sealed class SimilarCandidatesEndpoints : IEndpointContributor
{
    public const int DefaultLimit = 10;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/candidates/{id:guid}/similar", Similar).WithTags("Search").RequireScope(Scopes.Search).ProducesAccessProblems()
            .WithName("SimilarCandidates").WithSummary("Candidates most like this one (vector and skills), within the tenant")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<SimilarCandidatesResponse>, ProblemHttpResult>> Similar(
        Guid id, Tenant tenant, ClaimsPrincipal user, ISearchIndex index, CancellationToken cancellationToken, int limit = DefaultLimit)
    {
        if (limit is < 1 or > SearchQuery.MaxLimit)
        {
            return SearchRequests.Problem("invalid-limit", $"'limit' must be between 1 and {SearchQuery.MaxLimit}.");
        }

        if (await index.GetAsync(tenant.Id, DocumentKind.Resume, id, cancellationToken) is not { } candidate)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found", title: "Not found",
                detail: $"No indexed candidate with id {id}.");
        }

        var query = new SearchQuery(DocumentKind.Resume, "", limit)
        {
            Vector = candidate.Vector,
            // A skill query is bounded as a search's is; the first ones are the resume's own order.
            NiceToHaveSkills = [.. candidate.SkillIds.Take(SearchRequests.MaxSkills)],
            ExcludedIds = [id],
        };
        var results = await index.SearchAsync(tenant.Id, query, cancellationToken);
        var withText = SearchEndpoints.MayReadResumeText(user);
        // The tenant's anonymised screening holds here as in search: snippets lose the identity of each hit.
        var anonymity = Anonymisation.Resolve(user, requested: null) ?? ReadAnonymity.None;
        var hits = new List<SearchHitResponse>(results.Hits.Count);
        foreach (var h in results.Hits)
        {
            hits.Add(withText && anonymity.Anonymised
                ? await SearchEndpoints.AnonymisedAsync(tenant, index, h, anonymity, cancellationToken)
                : SearchEndpoints.Response(h, withText));
        }

        return TypedResults.Ok(new SimilarCandidatesResponse(id, hits));
    }
}
