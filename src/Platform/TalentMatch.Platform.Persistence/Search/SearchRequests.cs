using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Core.SearchIndex.QueryLanguage;

namespace TalentMatch.Platform.Persistence.Search;

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
    [FromQuery(Name = "jobId")] string? JobId = null,
    [FromQuery(Name = "collapse")] string? Collapse = null,
    [FromQuery(Name = "anonymised")] bool? Anonymised = null);

/// <summary>
/// Reads a search request into the search port's query, with the bounds of every value: the search
/// endpoints and saved searches (matching) read a request the same way, so a saved search means what the
/// same search over HTTP means.
/// </summary>
public static class SearchRequests
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

    /// <summary>The port's query, or null with the problem that describes the first bad value.</summary>
    public static SearchQuery? Parse(DocumentKind kind, SearchRequest r, out ProblemHttpResult? problem)
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
            problem = Problem("invalid-sort", "'sort' must be relevance, newest, experience or (for candidates, with 'jobId') match.");
            return null;
        }

        if (sort != SearchSort.Relevance && string.Equals(r.Mode, "hybrid", StringComparison.OrdinalIgnoreCase))
        {
            problem = Problem("invalid-sort", "A hybrid search ranks by relevance only; use mode=keyword to sort by newest or experience.");
            return null;
        }

        if (r.Cursor?.Length > SearchCursor.MaxLength)
        {
            problem = Problem("invalid-cursor", "The cursor is malformed. Start again without 'cursor'.");
            return null;
        }

        // Duplicates are candidates' (the api's groups); jobs have none to fold.
        var collapse = string.Equals(r.Collapse, "duplicates", StringComparison.OrdinalIgnoreCase);
        if ((!string.IsNullOrWhiteSpace(r.Collapse) && !collapse) || (collapse && kind != DocumentKind.Resume))
        {
            problem = Problem("invalid-collapse", "'collapse' takes one value, duplicates, and only in a search of candidates.");
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
            CollapseDuplicates = collapse,
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

    public static ProblemHttpResult Problem(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: $"urn:talentmatch:problem:{code}",
            title: "Invalid search request", detail: detail);
}
