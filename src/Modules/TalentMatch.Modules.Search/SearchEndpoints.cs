using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Core.SearchIndex.QueryLanguage;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Search;

public sealed record SearchHitResponse(Guid Id, string? Title, double Score, string Snippet, IReadOnlyList<string> Highlights);

public sealed record FacetValueResponse(string Value, long Count);

public sealed record SearchResponse(
    string Query,
    long Total,
    IReadOnlyList<SearchHitResponse> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValueResponse>> Facets,
    string? NextCursor);

/// <summary>The query string of a search (each list: repeated parameters or comma-separated values); names are camelCase as in docs/api.md.</summary>
public sealed record SearchRequest(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "skills")] string[]? Skills,
    [FromQuery(Name = "nice")] string[]? Nice,
    [FromQuery(Name = "yearsMin")] string? YearsMin,
    [FromQuery(Name = "yearsMax")] string? YearsMax,
    [FromQuery(Name = "location")] string? Location,
    [FromQuery(Name = "remote")] string? Remote,
    [FromQuery(Name = "seniority")] string? Seniority,
    [FromQuery(Name = "language")] string? Language,
    [FromQuery(Name = "facets")] string? Facets,
    [FromQuery(Name = "cursor")] string? Cursor,
    [FromQuery(Name = "mode")] string? Mode,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "anonymised")] bool? Anonymised = null);

/// <summary>
/// <c>GET /v1/search/candidates</c> and <c>/v1/search/jobs</c>: search within the caller's tenant. Words
/// or a boolean query (<see cref="SearchQueryText"/>; BM25), must-have and nice-to-have skills, filters, facets, cursor paging; <c>mode=hybrid</c> also embeds
/// the words and fuses kNN (when the host runs an embedding generator). Bad values are RFC 9457 problems.
/// </summary>
internal sealed class SearchEndpoints : IEndpointContributor
{
    public const int MaxQueryLength = 1000;

    /// <summary>
    /// A hybrid query is embedded on every request, at a cost that grows with its length (a
    /// 1,000-character query costs several times a short one): hybrid search takes what a person
    /// types as a search, not a pasted document. Matching a whole text is what match endpoints do.
    /// </summary>
    public const int MaxHybridQueryLength = 300;
    public const int MaxSkills = 20;
    public const int MaxValueLength = 100;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var search = endpoints.MapGroup("/v1/search").WithTags("Search").RequireScope(Scopes.Search).ProducesAccessProblems();
        search.MapGet("/candidates", ([AsParameters] SearchRequest request, Tenant tenant, ClaimsPrincipal user, ISearchIndex index, IServiceProvider services, CancellationToken ct) =>
            Anonymisation.Resolve(user, request.Anonymised) is { } anonymity
                ? Search(DocumentKind.Resume, request, tenant, index, services, withText: MayReadResumeText(user), ct, anonymity)
                : Task.FromResult<Results<Ok<SearchResponse>, ProblemHttpResult>>(Anonymisation.Refused()))
            .WithName("SearchCandidates").WithSummary("Search candidates: words, skills, filters, facets, hybrid ranking")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        search.MapGet("/jobs", ([AsParameters] SearchRequest request, Tenant tenant, ISearchIndex index, IServiceProvider services, CancellationToken ct) =>
            Search(DocumentKind.Job, request, tenant, index, services, withText: true, ct))
            .WithName("SearchJobs").WithSummary("Search open jobs: words, skills, filters, facets, hybrid ranking")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// The <c>search</c> scope finds people; reading what their resumes say (snippets and highlights carry
    /// names, e-mails, phone numbers) takes a key that may read resumes, as <c>GET /v1/candidates/{id}</c> does.
    /// </summary>
    private static bool MayReadResumeText(ClaimsPrincipal user) =>
        user.HasScope(Scopes.CandidatesRead) || user.HasScope(Scopes.CandidatesWrite);

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        DocumentKind kind, SearchRequest r, Tenant tenant, ISearchIndex index, IServiceProvider services, bool withText,
        CancellationToken cancellationToken, ReadAnonymity? anonymity = null)
    {
        var query = Parse(kind, r, out var problem);
        if (query is null)
        {
            return problem!;
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
                return Problem("invalid-mode", "Hybrid search needs the embedding model, which this host does not run; use mode=keyword.");
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
            return Problem("invalid-cursor", e.Message.Split(" (Parameter", 2)[0] + " Start again without 'cursor'.");
        }

        var hits = new List<SearchHitResponse>(results.Hits.Count);
        foreach (var h in results.Hits)
        {
            hits.Add(!withText ? new SearchHitResponse(h.Id, h.Title, h.Score, "", [])
                : anonymity is { Anonymised: true } ? await AnonymisedAsync(tenant, index, h, anonymity, cancellationToken)
                : new SearchHitResponse(h.Id, h.Title, h.Score, h.Snippet, h.Highlights));
        }

        var facets = results.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetValueResponse>)[.. f.Value.Select(v => new FacetValueResponse(v.Value, v.Count))]);
        return TypedResults.Ok(new SearchResponse(r.Q ?? "", results.Total, hits, facets, results.NextCursor));
    }

    /// <summary>
    /// A hit as an anonymised read shows it: its snippet and highlights with the identity the whole resume reveals
    /// replaced (<see cref="RedactedText.RedactFragment"/>: a name recurs in a snippet far from the line that says it is the name).
    /// </summary>
    private static async Task<SearchHitResponse> AnonymisedAsync(Tenant tenant, ISearchIndex index, SearchHit hit, ReadAnonymity anonymity, CancellationToken cancellationToken)
    {
        var profile = await index.GetAsync(tenant.Id, DocumentKind.Resume, hit.Id, cancellationToken);
        var redacted = Redaction.Redact(profile?.Text ?? "", new RedactionOptions(Schools: anonymity.Schools), cancellationToken);
        return new SearchHitResponse(hit.Id, hit.Title, hit.Score, redacted.RedactFragment(hit.Snippet, cancellationToken),
            [.. hit.Highlights.Select(h => redacted.RedactFragment(h, cancellationToken))]);
    }

    /// <summary>The port's query, or null with the problem that describes the first bad value.</summary>
    internal static SearchQuery? Parse(DocumentKind kind, SearchRequest r, out ProblemHttpResult? problem)
    {
        problem = null;
        var must = Split(r.Skills);
        var nice = Split(r.Nice);
        if ((string.IsNullOrWhiteSpace(r.Q) && must.Count == 0 && nice.Count == 0) || r.Q?.Length > MaxQueryLength)
        {
            problem = Problem("invalid-query", $"Give words in 'q' (at most {MaxQueryLength} characters) or skills in 'skills' or 'nice'.");
            return null;
        }

        if (r.Limit is < 1 or > SearchQuery.MaxLimit)
        {
            problem = Problem("invalid-limit", $"'limit' must be between 1 and {SearchQuery.MaxLimit}.");
            return null;
        }

        if (must.Count > MaxSkills || nice.Count > MaxSkills || must.Concat(nice).Any(s => s.Length > MaxValueLength))
        {
            problem = Problem("invalid-skills", $"'skills' and 'nice' take at most {MaxSkills} skill ids each, of at most {MaxValueLength} characters.");
            return null;
        }

        if (!TryYears(r.YearsMin, out var yearsMin) || !TryYears(r.YearsMax, out var yearsMax) || yearsMin > yearsMax)
        {
            problem = Problem("invalid-years", "'yearsMin' and 'yearsMax' must be numbers from 0 to 80, with yearsMin ≤ yearsMax.");
            return null;
        }

        WorkMode? remote = null;
        if (!string.IsNullOrWhiteSpace(r.Remote))
        {
            if (!Enum.TryParse<WorkMode>(r.Remote, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(r.Remote, out _))
            {
                problem = Problem("invalid-remote", "'remote' must be onsite, hybrid or remote.");
                return null;
            }

            remote = mode;
        }

        if (new[] { r.Location, r.Seniority, r.Language }.Any(v => v?.Length > MaxValueLength))
        {
            problem = Problem("invalid-filter", $"'location', 'seniority' and 'language' are at most {MaxValueLength} characters.");
            return null;
        }

        var facets = SearchFacets.None;
        foreach (var name in Split(r.Facets is null ? null : [r.Facets]))
        {
            facets |= name.ToLowerInvariant() switch
            {
                "skills" => SearchFacets.Skills,
                "seniority" => SearchFacets.Seniority,
                "location" => SearchFacets.Location,
                "all" => SearchFacets.All,
                _ => (SearchFacets)(-1),
            };
            if (facets < 0)
            {
                problem = Problem("invalid-facets", "'facets' is a comma-separated list of skills, seniority, location (or all).");
                return null;
            }
        }

        if (r.Mode is not null && !string.Equals(r.Mode, "keyword", StringComparison.OrdinalIgnoreCase) && !string.Equals(r.Mode, "hybrid", StringComparison.OrdinalIgnoreCase))
        {
            problem = Problem("invalid-mode", "'mode' must be keyword or hybrid.");
            return null;
        }

        if (string.Equals(r.Mode, "hybrid", StringComparison.OrdinalIgnoreCase) && r.Q?.Length > MaxHybridQueryLength)
        {
            problem = Problem("invalid-query", $"A hybrid search embeds 'q', which may have at most {MaxHybridQueryLength} characters; use mode=keyword for a longer text.");
            return null;
        }

        var sort = SearchSort.Relevance;
        if (!string.IsNullOrWhiteSpace(r.Sort)
            && (!Enum.TryParse(r.Sort, ignoreCase: true, out sort) || !Enum.IsDefined(sort) || int.TryParse(r.Sort, out _)))
        {
            problem = Problem("invalid-sort", "'sort' must be relevance, newest or experience.");
            return null;
        }

        if (sort != SearchSort.Relevance && string.Equals(r.Mode, "hybrid", StringComparison.OrdinalIgnoreCase))
        {
            problem = Problem("invalid-sort", "A hybrid search ranks by relevance only; use mode=keyword to sort by newest or experience.");
            return null;
        }

        if (r.Cursor?.Length > 64)
        {
            problem = Problem("invalid-cursor", "The cursor is malformed. Start again without 'cursor'.");
            return null;
        }

        var text = r.Q ?? "";
        QueryNode? boolean = null;
        if (!string.IsNullOrWhiteSpace(r.Q) && !SearchQueryText.TryRead(r.Q, MaxQueryLength, out text, out boolean, out problem))
        {
            return null;
        }

        return new SearchQuery(kind, text, r.Limit ?? SearchQuery.DefaultLimit)
        {
            Boolean = boolean,
            MustHaveSkills = must,
            NiceToHaveSkills = nice,
            YearsMin = yearsMin,
            YearsMax = yearsMax,
            // Profiles are indexed with normalised places (ingestion): "北京" finds "Beijing".
            Location = Locations.Normalise(r.Location),
            Remote = remote,
            Seniority = NullIfBlank(r.Seniority),
            Language = NullIfBlank(r.Language),
            Facets = facets,
            Sort = sort,
            Cursor = NullIfBlank(r.Cursor),
        };
    }

    private static List<string> Split(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    private static bool TryYears(string? text, out double? years)
    {
        years = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 80)
        {
            years = value;
            return true;
        }

        return false;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ProblemHttpResult Problem(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: $"urn:talentmatch:problem:{code}",
            title: "Invalid search request", detail: detail);
}
