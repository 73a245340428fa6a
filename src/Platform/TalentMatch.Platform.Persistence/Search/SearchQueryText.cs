using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentMatch.Core.Documents;
using TalentMatch.Core.SearchIndex.QueryLanguage;
using TalentMatch.Core.Skills;

namespace TalentMatch.Platform.Persistence.Search;

/// <summary>
/// Reads the <c>q</c> of a search in the query language (ADR 0014): plain words stay plain words (searched
/// as they always were); anything else becomes a tree whose skills are taxonomy ids and whose places are
/// normalised as the <c>location</c> filter's are. A query the grammar refuses, or a skill the taxonomy does
/// not know, is an <c>invalid-query</c> problem with the position (from 0) where it goes wrong.
/// </summary>
public static class SearchQueryText
{
    private static readonly SkillTaxonomy Taxonomy = SkillTaxonomy.LoadDefault();

    /// <param name="text">The words to rank by and embed: <paramref name="q"/> itself, or the boolean query's positive terms.</param>
    /// <param name="boolean">Null for plain words.</param>
    public static bool TryRead(string q, int maxLength, out string text, out QueryNode? boolean, out ProblemHttpResult? problem)
    {
        text = q;
        boolean = null;
        problem = null;
        QueryNode tree;
        try
        {
            tree = QueryParser.Parse(q, new QueryLimits(MaxLength: maxLength));
        }
        catch (QuerySyntaxException e)
        {
            problem = Problem(e.Reason, e.Position);
            return false;
        }

        if (tree.IsPlainWords())
        {
            return true;
        }

        text = string.Join(' ', tree.PositiveTerms().Select(t => t.Value));
        TermNode? unknown = null;
        boolean = tree.MapTerms(term =>
        {
            switch (term.Field)
            {
                case QueryField.Skill when Taxonomy.TryFind(term.Value, out var skill):
                    return term with { Value = skill.Id };
                case QueryField.Skill:
                    unknown ??= term;
                    return term;
                case QueryField.Location:
                    // "北京" finds "Beijing", as the location filter does.
                    return term with { Value = Locations.Normalise(term.Value) ?? term.Value };
                default:
                    return term;
            }
        });
        if (unknown is not null)
        {
            problem = Problem($"'{unknown.Value}' is not a skill of the taxonomy; give an id or a name (GET /v1/skills/autocomplete?q=…).", unknown.Position);
            return false;
        }

        return true;
    }

    public static ProblemHttpResult Problem(string reason, int position) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            type: "urn:talentmatch:problem:invalid-query",
            title: "Invalid search request",
            detail: $"{reason} (at position {position} of 'q', counting from 0)",
            extensions: new Dictionary<string, object?> { ["position"] = position });
}
