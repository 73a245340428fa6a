using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// Turns a <see cref="SearchQuery"/> into Lucene queries: the words (analysed with <paramref name="analyzer"/>,
/// the index's own, not owned here), the lexical query (words plus nice-to-have skills, boosted by
/// <paramref name="niceToHaveBoost"/>) and the filter (tenant, kind and the query's filters).
/// </summary>
internal sealed class LuceneQueryBuilder(Analyzer analyzer, float niceToHaveBoost)
{
    private const int MaxQueryTerms = 64; // bounds the cost of a pasted paragraph

    /// <summary>
    /// User text is words, not Lucene syntax: it goes through the analyser and every resulting
    /// term becomes an optional clause on title (boosted) and text, so no input (operators,
    /// quotes, "C++") can make a parse error. Null when nothing searchable remains (only stop words).
    /// </summary>
    public BooleanQuery? ParseText(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        using (var stream = analyzer.GetTokenStream(LuceneFields.Text, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken() && terms.Count < MaxQueryTerms)
            {
                terms.Add(term.ToString());
            }

            stream.End();
        }

        if (terms.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            query.Add(new TermQuery(new Term(LuceneFields.Title, term)) { Boost = 2f }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(LuceneFields.Text, term)), Occur.SHOULD);
        }

        return query;
    }

    /// <summary>The query of the lexical (BM25) list: the words as MUST, each nice-to-have skill as a
    /// constant-score SHOULD. With neither: every document (the filter decides), or null when a vector
    /// ranks alone.</summary>
    public Query? LexicalQuery(Query? text, SearchQuery query, bool hasVector)
    {
        var nice = query.NiceToHaveSkills.Distinct(StringComparer.Ordinal)
            .Select(s => new ConstantScoreQuery(new TermQuery(new Term(LuceneFields.SkillExpanded, s))) { Boost = niceToHaveBoost })
            .ToList();
        if (text is null && nice.Count == 0)
        {
            // Must-have skills alone: everything that passes the filters, in index order.
            return hasVector ? null : new MatchAllDocsQuery();
        }

        var result = new BooleanQuery();
        if (text is not null)
        {
            result.Add(text, Occur.MUST);
        }

        foreach (var clause in nice)
        {
            result.Add(clause, Occur.SHOULD);
        }

        return result;
    }

    /// <summary>
    /// The Lucene order of a sort other than relevance, made total by the id (newest first): ids are UUIDv7,
    /// whose text sorts by time. Both fields are sorted through the field cache (uninverted once per segment),
    /// so documents indexed before sorting existed sort too. Null for relevance.
    /// </summary>
    public static Sort? SortOf(SearchSort sort)
    {
        var newest = new SortField(LuceneFields.Id, SortFieldType.STRING, reverse: true);
        var years = new SortField(LuceneFields.Years, SortFieldType.DOUBLE, reverse: true);
        // Profiles without years after every profile with some, even 0.
        years.SetMissingValue(double.NegativeInfinity);
        return sort switch
        {
            SearchSort.Relevance => null,
            SearchSort.Newest => new Sort(newest),
            SearchSort.Experience => new Sort(years, newest),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
    }

    /// <summary>Tenant and kind always; the query's filters on top, and <paramref name="mustMatch"/> (a boolean
    /// query, for the kNN list) when given. <c>narrowed</c>: whether anything beyond tenant and kind filters
    /// (then kNN must check each neighbour against the filter). A query, not a filter: it is the key under which
    /// <see cref="FilterCache"/> keeps its bit sets.</summary>
    public static (Query Filter, bool Narrowed) Filter(string tenantId, SearchQuery query, Query? mustMatch = null)
    {
        var filter = new BooleanQuery
        {
            { new TermQuery(new Term(LuceneFields.Tenant, tenantId)), Occur.MUST },
            { new TermQuery(new Term(LuceneFields.Kind, LuceneFields.KindName(query.Kind))), Occur.MUST },
        };
        var narrowed = false;
        void Must(Query q)
        {
            filter.Add(q, Occur.MUST);
            narrowed = true;
        }

        foreach (var skill in query.MustHaveSkills.Distinct(StringComparer.Ordinal))
        {
            Must(new TermQuery(new Term(LuceneFields.SkillExpanded, skill)));
        }

        if (query.YearsMin is not null || query.YearsMax is not null)
        {
            Must(NumericRangeQuery.NewDoubleRange(LuceneFields.Years, query.YearsMin, query.YearsMax, true, true));
        }

        if (SearchCursor.Normalise(query.Location) is { } location)
        {
            Must(new TermQuery(new Term(LuceneFields.Location, location)));
        }

        if (query.Remote is { } remote)
        {
            Must(new TermQuery(new Term(LuceneFields.Remote, LuceneFields.RemoteName(remote))));
        }

        if (SearchCursor.Normalise(query.Seniority) is { } seniority)
        {
            Must(new TermQuery(new Term(LuceneFields.Seniority, seniority)));
        }

        if (SearchCursor.Normalise(query.Language) is { } language)
        {
            Must(new TermQuery(new Term(LuceneFields.Language, language)));
        }

        if (query.OnlyIds.Count > 0)
        {
            var ids = new BooleanQuery();
            foreach (var id in query.OnlyIds.Distinct())
            {
                ids.Add(new TermQuery(new Term(LuceneFields.Id, id.ToString())), Occur.SHOULD);
            }

            Must(ids);
        }

        // Beside the tenant's MUST clause: a BooleanQuery of MUST_NOT clauses alone would match nothing.
        foreach (var id in query.ExcludedIds.Distinct())
        {
            filter.Add(new TermQuery(new Term(LuceneFields.Id, id.ToString())), Occur.MUST_NOT);
            narrowed = true;
        }

        if (mustMatch is not null)
        {
            Must(mustMatch);
        }

        return (filter, narrowed);
    }
}
