using System.Buffers.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Core.Skills;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api.Endpoints;

public sealed record SkillSummary(string Id, string Name, string ChineseName, string Category, SkillKind Kind);

public sealed record SkillDetail(
    string Id,
    string Name,
    string ChineseName,
    string Category,
    SkillKind Kind,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<SkillSummary> Parents,
    IReadOnlyList<SkillSummary> Children,
    IReadOnlyList<SkillSummary> Related,
    IReadOnlyList<SkillSummary> LearningResources,
    string? Url);

public sealed record SkillPage(string TaxonomyVersion, IReadOnlyList<SkillSummary> Items, string? NextCursor);

public sealed record SkillSuggestion(string Id, string Name, string ChineseName, string Category, string Matched);

public sealed record SkillSuggestions(string Query, IReadOnlyList<SkillSuggestion> Items);

/// <summary>
/// <c>/v1/skills</c>: the taxonomy every extraction, search and match uses, to browse and to
/// autocomplete skill pickers (English and Chinese names and aliases). Shared by all tenants.
/// </summary>
internal sealed class SkillEndpoints : IEndpointContributor
{
    public const int MaxQueryLength = 100;

    private static readonly SkillTaxonomy Taxonomy = SkillTaxonomy.LoadDefault();

    private static readonly Lazy<ILookup<string, Skill>> Children = new(() =>
        Taxonomy.Skills.SelectMany(s => s.Parents.Select(p => (Parent: p, Child: s))).ToLookup(x => x.Parent, x => x.Child, StringComparer.Ordinal));

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var skills = endpoints.MapGroup("/v1/skills").WithTags("Skills").ProducesAccessProblems()
            .RequireAnyScope([.. Scopes.All]);
        skills.MapGet("/", List).WithName("ListSkills")
            .WithSummary("Browse the skill taxonomy, optionally one category or kind, a page at a time")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        skills.MapGet("/autocomplete", Autocomplete).WithName("AutocompleteSkills")
            .WithSummary("Skills whose name or alias starts with (or contains) the typed text, English or Chinese")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        skills.MapGet("/{id}", Get).WithName("GetSkill")
            .WithSummary("One skill with its aliases, parents, children, related skills and learning resources")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Results<Ok<SkillPage>, ProblemHttpResult> List(string? category, SkillKind? kind, int? limit, string? cursor)
    {
        if (!Paging.IsValidLimit(limit))
        {
            return Problems.InvalidLimit();
        }

        // The cursor is the last id of the previous page (ids are stable and sort as strings).
        string? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!Base64Url.IsValid(cursor) || cursor.Length > 200)
            {
                return Problems.InvalidCursor();
            }

            after = System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }

        var size = limit ?? Paging.DefaultLimit;
        var page = Taxonomy.Skills
            .Where(s => category is null || string.Equals(s.Category, category, StringComparison.OrdinalIgnoreCase))
            .Where(s => kind is null || s.Kind == kind)
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .Where(s => after is null || string.CompareOrdinal(s.Id, after) > 0)
            .Take(size + 1)
            .ToList();
        var next = page.Count > size ? Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(page[size - 1].Id)) : null;
        return TypedResults.Ok(new SkillPage(Taxonomy.Version, [.. page.Take(size).Select(Summary)], next));
    }

    private static Results<Ok<SkillDetail>, ProblemHttpResult> Get(string id)
    {
        if (!Taxonomy.TryGet(id, out var skill))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found",
                title: "Not found", detail: $"No skill with id '{id}' in taxonomy {Taxonomy.Version}.");
        }

        return TypedResults.Ok(new SkillDetail(
            skill.Id, skill.Name, skill.ChineseName, skill.Category, skill.Kind, skill.Aliases,
            [.. skill.Parents.Select(p => Taxonomy.TryGet(p, out var parent) ? Summary(parent) : null).OfType<SkillSummary>()],
            [.. Children.Value[skill.Id].Select(Summary)],
            [.. skill.Related.Select(r => Taxonomy.TryGet(r, out var related) ? Summary(related) : null).OfType<SkillSummary>()],
            [.. Taxonomy.LearningResourcesFor(skill.Id).Select(Summary)],
            skill.Url));
    }

    private static Results<Ok<SkillSuggestions>, ProblemHttpResult> Autocomplete(string? q, int? limit)
    {
        var query = q?.Trim() ?? "";
        if (query.Length is 0 or > MaxQueryLength)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: "urn:talentmatch:problem:invalid-query",
                title: "Invalid autocomplete request", detail: $"'q' is required, at most {MaxQueryLength} characters.");
        }

        if (limit is < 1 or > 50)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: "urn:talentmatch:problem:invalid-limit",
                title: "Invalid autocomplete request", detail: "'limit' must be between 1 and 50.");
        }

        // Rank: the whole name typed, a name prefix, an alias prefix, then text inside a name or alias;
        // hand-curated AI/ML skills before imported generic ones at the same rank.
        var suggestions = Taxonomy.Skills
            .Select(skill => (skill, match: BestMatch(skill, query)))
            .Where(x => x.match.Rank < int.MaxValue)
            .OrderBy(x => x.match.Rank)
            .ThenBy(x => x.skill.Source.StartsWith("hand-curated", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(x => x.skill.Name.Length)
            .ThenBy(x => x.skill.Id, StringComparer.Ordinal)
            .Take(limit ?? 10)
            .Select(x => new SkillSuggestion(x.skill.Id, x.skill.Name, x.skill.ChineseName, x.skill.Category, x.match.Text))
            .ToList();
        return TypedResults.Ok(new SkillSuggestions(query, suggestions));
    }

    private static (int Rank, string Text) BestMatch(Skill skill, string query)
    {
        var best = (Rank: int.MaxValue, Text: "");
        foreach (var (text, isName) in new[] { (skill.Name, true), (skill.ChineseName, true) }.Concat(skill.Aliases.Select(a => (a, false))))
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var rank = text.Equals(query, StringComparison.OrdinalIgnoreCase) ? 0
                : text.StartsWith(query, StringComparison.OrdinalIgnoreCase) ? (isName ? 1 : 2)
                : text.Contains(query, StringComparison.OrdinalIgnoreCase) ? 3
                : int.MaxValue;
            if (rank < best.Rank)
            {
                best = (rank, text);
            }
        }

        return best;
    }

    private static SkillSummary Summary(Skill s) => new(s.Id, s.Name, s.ChineseName, s.Category, s.Kind);
}
