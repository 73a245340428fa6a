using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using TalentMatch.Core.SearchIndex.QueryLanguage;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// A boolean query tree (<see cref="QueryNode"/>) as Lucene query objects, built directly (never through
/// Lucene's query parser): AND → MUST (NOT clauses → MUST_NOT), OR → SHOULD, a word or phrase → the
/// analyser's tokens as a term or phrase query on the field's Lucene fields (title boosted as plain words
/// are), skill and location → constant-score term queries on the skill-with-ancestors and location
/// fields. The Elasticsearch twin is <see cref="Elasticsearch.ElasticsearchQueryLanguage"/>.
/// </summary>
internal sealed class LuceneQueryLanguage(Analyzer analyzer)
{
    private const float TitleBoost = 2f;

    public Query Translate(QueryNode node)
    {
        switch (node)
        {
            case TermNode term:
                return Term(term);
            case AndNode and:
                var all = new BooleanQuery();
                foreach (var clause in and.Clauses)
                {
                    all.Add(clause is NotNode not ? Translate(not.Clause) : Translate(clause), clause is NotNode ? Occur.MUST_NOT : Occur.MUST);
                }

                return all;
            case OrNode or:
                var any = new BooleanQuery();
                foreach (var clause in or.Clauses)
                {
                    any.Add(Translate(clause), Occur.SHOULD);
                }

                return any;
            default:
                // The parser never leaves a NOT outside an AND (QueryParser.Validate).
                throw new ArgumentException($"Unexpected {node.GetType().Name} outside an AND.", nameof(node));
        }
    }

    private Query Term(TermNode term) => term.Field switch
    {
        QueryField.Any => Either(Words(LuceneFields.Title, term.Value, TitleBoost), Words(LuceneFields.Text, term.Value, 1f)),
        QueryField.Title => Words(LuceneFields.Title, term.Value, 1f),
        QueryField.Employer => Words(LuceneFields.Employer, term.Value, 1f),
        QueryField.Skill => new ConstantScoreQuery(new TermQuery(new Term(LuceneFields.SkillExpanded, term.Value))),
        QueryField.Location => new ConstantScoreQuery(new TermQuery(new Term(LuceneFields.Location, SearchCursor.Normalise(term.Value) ?? ""))),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private static BooleanQuery Either(Query a, Query b) => new() { { a, Occur.SHOULD }, { b, Occur.SHOULD } };

    /// <summary>One token: a term query; several (a phrase, "node.js", Chinese bigrams): a phrase query in
    /// their positions; none (only stop words): a query that matches nothing, as Elasticsearch's does.</summary>
    private Query Words(string field, string value, float boost)
    {
        var tokens = new List<(string Term, int Position)>();
        using (var stream = analyzer.GetTokenStream(field, value))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            stream.Reset();
            var position = -1;
            while (stream.IncrementToken())
            {
                position += increment.PositionIncrement;
                tokens.Add((term.ToString(), position));
            }

            stream.End();
        }

        if (tokens.Count == 0)
        {
            return new BooleanQuery();
        }

        if (tokens.Count == 1)
        {
            return new TermQuery(new Term(field, tokens[0].Term)) { Boost = boost };
        }

        var phrase = new PhraseQuery { Boost = boost };
        foreach (var (text, position) in tokens)
        {
            phrase.Add(new Term(field, text), position - tokens[0].Position);
        }

        return phrase;
    }
}
