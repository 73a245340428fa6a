using System.Text.Json.Nodes;
using TalentMatch.Core.SearchIndex.QueryLanguage;

namespace TalentMatch.Core.SearchIndex.Elasticsearch;

/// <summary>
/// A boolean query tree (<see cref="QueryNode"/>) as Elasticsearch query DSL objects, the twin of
/// <see cref="Lucene.LuceneQueryLanguage"/>: AND → <c>bool.must</c> (NOT clauses → <c>must_not</c>), OR →
/// <c>bool.should</c> with <c>minimum_should_match: 1</c>, a word or phrase → <c>multi_match</c> of type
/// <c>phrase</c> on the field's text and <c>.cjk</c> fields (one token matches as a term, several as a
/// phrase, none, only stop words, matches nothing), skill and location → constant-score <c>term</c>
/// queries. Values only ever become JSON strings, never <c>query_string</c> syntax.
/// </summary>
internal static class ElasticsearchQueryLanguage
{
    public static JsonObject Translate(QueryNode node) => node switch
    {
        TermNode term => Term(term),
        AndNode and => Bool(
            ("must", and.Clauses.Where(c => c is not NotNode).Select(Translate)),
            ("must_not", and.Clauses.OfType<NotNode>().Select(n => Translate(n.Clause)))),
        OrNode or => Bool(("should", or.Clauses.Select(Translate)), ("minimum_should_match", null)),
        // The parser never leaves a NOT outside an AND (QueryParser.Validate).
        _ => throw new ArgumentException($"Unexpected {node.GetType().Name} outside an AND.", nameof(node)),
    };

    private static JsonObject Bool(params (string Name, IEnumerable<JsonObject>? Clauses)[] parts)
    {
        var body = new JsonObject();
        foreach (var (name, clauses) in parts)
        {
            if (clauses is null)
            {
                body[name] = 1;
            }
            else if (clauses.ToList() is { Count: > 0 } list)
            {
                body[name] = new JsonArray([.. list]);
            }
        }

        return new JsonObject { ["bool"] = body };
    }

    private static JsonObject Term(TermNode term) => term.Field switch
    {
        QueryField.Any => Words(term.Value, "title^2", "title.cjk^2", "text", "text.cjk"),
        QueryField.Title => Words(term.Value, "title", "title.cjk"),
        QueryField.Employer => Words(term.Value, "employers", "employers.cjk"),
        QueryField.Skill => Keyword("skill_paths", term.Value),
        QueryField.Location => Keyword("location", SearchCursor.Normalise(term.Value) ?? ""),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private static JsonObject Words(string value, params string[] fields) => new()
    {
        ["multi_match"] = new JsonObject
        {
            ["query"] = value,
            ["type"] = "phrase",
            ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
        },
    };

    private static JsonObject Keyword(string field, string value) => new()
    {
        ["constant_score"] = new JsonObject { ["filter"] = new JsonObject { ["term"] = new JsonObject { [field] = value } } },
    };
}
