using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Hosting;
using TalentMatch.SearchIndex;

namespace TalentMatch.Search;

public sealed record SearchHitResponse(Guid Id, string? Title, double Score, string Snippet);

public sealed record SearchResponse(string Query, long Total, IReadOnlyList<SearchHitResponse> Hits);

/// <summary><c>GET /v1/search/candidates?q=</c> and <c>/v1/search/jobs?q=</c>: keyword search within the caller's tenant.</summary>
internal sealed class SearchEndpoints : IEndpointContributor
{
    public const int MaxQueryLength = 1000;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var search = endpoints.MapGroup("/v1/search").WithTags("Search");
        search.MapGet("/candidates", (string? q, int? limit, Tenant tenant, ISearchIndex index, CancellationToken ct) =>
            Search(DocumentKind.Resume, q, limit, tenant, index, ct));
        search.MapGet("/jobs", (string? q, int? limit, Tenant tenant, ISearchIndex index, CancellationToken ct) =>
            Search(DocumentKind.Job, q, limit, tenant, index, ct));
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        DocumentKind kind, string? q, int? limit, Tenant tenant, ISearchIndex index, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength)
        {
            return Problem("invalid-query", $"Query parameter 'q' is required and at most {MaxQueryLength} characters.");
        }

        if (limit is < 1 or > SearchQuery.MaxLimit)
        {
            return Problem("invalid-limit", $"'limit' must be between 1 and {SearchQuery.MaxLimit}.");
        }

        var results = await index.SearchAsync(tenant.Id, new SearchQuery(kind, q, limit ?? SearchQuery.DefaultLimit), cancellationToken);
        var hits = results.Hits.Select(h => new SearchHitResponse(h.Id, h.Title, h.Score, h.Snippet)).ToList();
        return TypedResults.Ok(new SearchResponse(q, results.Total, hits));
    }

    private static ProblemHttpResult Problem(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: $"urn:talentmatch:problem:{code}",
            title: "Invalid search request", detail: detail);
}
