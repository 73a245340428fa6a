using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Platform.Persistence.Search;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Search;

/// <param name="Duplicates">With <c>collapse=duplicates</c>: how many other hits of this query are suspected duplicates of this one (folded into it).</param>
/// <param name="DuplicateIds">Their ids, best-ranked first.</param>
public sealed record SearchHitResponse(Guid Id, string? Title, double Score, string Snippet, IReadOnlyList<string> Highlights,
    int Duplicates = 0, IReadOnlyList<Guid>? DuplicateIds = null);

public sealed record FacetValueResponse(string Value, long Count);

public sealed record SearchResponse(
    string Query,
    long Total,
    IReadOnlyList<SearchHitResponse> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValueResponse>> Facets,
    string? NextCursor);

/// <summary>
/// <c>GET /v1/search/candidates</c> and <c>/v1/search/jobs</c>: search within the caller's tenant. Words
/// or a boolean query (<see cref="SearchQueryText"/>; BM25), must-have and nice-to-have skills, filters, facets, cursor paging; <c>mode=hybrid</c> also embeds
/// the words and fuses kNN (when the host runs an embedding generator). Bad values are RFC 9457 problems.
/// </summary>
internal sealed class SearchEndpoints : IEndpointContributor
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var search = endpoints.MapGroup("/v1/search").WithTags("Search").RequireScope(Scopes.Search).ProducesAccessProblems();
        search.MapGet("/candidates", ([AsParameters] SearchRequest request, Tenant tenant, ClaimsPrincipal user, ISearchIndex index, IServiceProvider services, CancellationToken ct) =>
            Anonymisation.Resolve(user, request.Anonymised) is { } anonymity
                ? Search(DocumentKind.Resume, request, tenant, index, services, withText: MayReadResumeText(user), ct, anonymity)
                : Task.FromResult<Results<Ok<SearchResponse>, ProblemHttpResult>>(Anonymisation.Refused()))
            .WithName("SearchCandidates").WithSummary("Search candidates: words, skills, filters, facets, hybrid ranking, ranking towards a job")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        search.MapGet("/jobs", ([AsParameters] SearchRequest request, Tenant tenant, ISearchIndex index, IServiceProvider services, CancellationToken ct) =>
            Search(DocumentKind.Job, request, tenant, index, services, withText: true, ct))
            .WithName("SearchJobs").WithSummary("Search open jobs: words, skills, filters, facets, hybrid ranking")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    /// <summary>A hit as served: without the resume's words for a key that may not read them (<see cref="MayReadResumeText"/>).</summary>
    internal static SearchHitResponse Response(SearchHit hit, bool withText) =>
        withText
            ? new SearchHitResponse(hit.Id, hit.Title, hit.Score, hit.Snippet, hit.Highlights, hit.Duplicates.Count, hit.Duplicates)
            : new SearchHitResponse(hit.Id, hit.Title, hit.Score, "", [], hit.Duplicates.Count, hit.Duplicates);

    /// <summary>
    /// <c>sort=match&amp;jobId=…</c>: candidates ranked towards one of the tenant's jobs by the job's vector (kNN) fused
    /// with its skills (nice-to-haves) and the words (BM25), by reciprocal rank fusion exactly as hybrid search ranks
    /// (plain words do not restrict the kNN list; filters and a boolean query do). Not matching's score (GET /v1/jobs/{id}/matches, which weighs required skills,
    /// experience and seniority with explanations): the search module cannot reach matching's scorer, and this ranks
    /// from the index alone. Another tenant's job, or one not indexed, is a 404.
    /// </summary>
    private static async Task<(SearchQuery? Query, ProblemHttpResult? Problem)> MatchJobAsync(
        DocumentKind kind, SearchRequest r, SearchQuery query, Tenant tenant, ISearchIndex index, CancellationToken cancellationToken)
    {
        if (kind != DocumentKind.Resume || !string.Equals(r.Sort, "match", StringComparison.OrdinalIgnoreCase)
            || !Guid.TryParse(r.JobId, out var jobId) || string.Equals(r.Mode, "hybrid", StringComparison.OrdinalIgnoreCase))
        {
            return (null, SearchRequests.Problem("invalid-sort",
                "'sort=match' ranks candidates towards a job: give 'jobId' (a job id) with it, in keyword mode, on /v1/search/candidates only; 'jobId' goes with sort=match only."));
        }

        if (await index.GetAsync(tenant.Id, DocumentKind.Job, jobId, cancellationToken) is not { } job)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found",
                title: "Not found", detail: $"No open, indexed job with id {jobId}."));
        }

        return (query with
        {
            Vector = job.Vector,
            NiceToHaveSkills = [.. query.NiceToHaveSkills.Concat(job.SkillIds).Distinct(StringComparer.Ordinal).Take(SearchRequests.MaxSkills * 2)],
        }, null);
    }

    /// <summary>
    /// The <c>search</c> scope finds people; reading what their resumes say (snippets and highlights carry
    /// names, e-mails, phone numbers) takes a key that may read resumes, as <c>GET /v1/candidates/{id}</c> does.
    /// </summary>
    internal static bool MayReadResumeText(ClaimsPrincipal user) =>
        user.HasScope(Scopes.CandidatesRead) || user.HasScope(Scopes.CandidatesWrite);

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        DocumentKind kind, SearchRequest r, Tenant tenant, ISearchIndex index, IServiceProvider services, bool withText,
        CancellationToken cancellationToken, ReadAnonymity? anonymity = null)
    {
        // sort=match is relevance to the job: read the rest as usual, then rank towards the job (MatchJobAsync).
        var byMatch = string.Equals(r.Sort, "match", StringComparison.OrdinalIgnoreCase);
        var query = SearchRequests.Parse(kind, byMatch ? r with { Sort = null } : r, out var problem);
        if (query is null)
        {
            return problem!;
        }

        if (byMatch || r.JobId is not null)
        {
            var matched = await MatchJobAsync(kind, r, query, tenant, index, cancellationToken);
            if (matched.Query is null)
            {
                return matched.Problem!;
            }

            query = matched.Query;
        }

        // Hybrid search embeds its query (repeated queries come from the generator's cache), which
        // costs about eight keyword searches: it counts against the tenant's costly-request bound.
        var hybrid = string.Equals(r.Mode, "hybrid", StringComparison.OrdinalIgnoreCase);
        ProblemHttpResult? busy = null;
        using var running = hybrid ? services.GetRequiredService<CostlyRequests>().TryEnter(tenant.Id, out busy) : null;
        if (hybrid && running is null)
        {
            return busy!;
        }

        // A boolean query embeds its positive terms, not its operators (ADR 0014).
        if (hybrid && !string.IsNullOrWhiteSpace(query.Text))
        {
            var generator = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
            if (generator is null)
            {
                return SearchRequests.Problem("invalid-mode", "Hybrid search needs the embedding model, which this host does not run; use mode=keyword.");
            }

            var embedding = await generator.GenerateAsync(query.Text, cancellationToken: cancellationToken);
            query = query with { Vector = embedding.Vector.ToArray() };
        }

        SearchResults results;
        try
        {
            results = await index.SearchAsync(tenant.Id, query, cancellationToken);
        }
        catch (InvalidCursorException e)
        {
            return SearchRequests.Problem("invalid-cursor", e.Message.Split(" (Parameter", 2)[0] + " Start again without 'cursor'.");
        }

        var hits = new List<SearchHitResponse>(results.Hits.Count);
        foreach (var h in results.Hits)
        {
            hits.Add(withText && anonymity is { Anonymised: true } ? await AnonymisedAsync(tenant, index, h, anonymity, cancellationToken) : Response(h, withText));
        }

        var facets = results.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetValueResponse>)[.. f.Value.Select(v => new FacetValueResponse(v.Value, v.Count))]);
        return TypedResults.Ok(new SearchResponse(r.Q ?? "", results.Total, hits, facets, results.NextCursor));
    }

    /// <summary>
    /// A hit as an anonymised read shows it: its snippet and highlights with the identity the whole resume reveals
    /// replaced (<see cref="RedactedText.RedactFragment"/>: a name recurs in a snippet far from the line that says it is the name).
    /// The identity is the one found when the resume was indexed; one indexed before that (or by an older redactor) is read again here.
    /// </summary>
    internal static async Task<SearchHitResponse> AnonymisedAsync(Tenant tenant, ISearchIndex index, SearchHit hit, ReadAnonymity anonymity, CancellationToken cancellationToken)
    {
        var profile = await index.GetAsync(tenant.Id, DocumentKind.Resume, hit.Id, cancellationToken);
        var text = profile?.Text ?? "";
        var redacted = StoredIdentity.Read(profile?.Identity, anonymity.Schools) is { } spans
            ? Redaction.Redact(text, spans)
            : Redaction.Redact(text, new RedactionOptions(Schools: anonymity.Schools), cancellationToken);
        return Response(hit, withText: true) with
        {
            Snippet = redacted.RedactFragment(hit.Snippet, cancellationToken),
            Highlights = [.. hit.Highlights.Select(h => redacted.RedactFragment(h, cancellationToken))],
        };
    }
}
