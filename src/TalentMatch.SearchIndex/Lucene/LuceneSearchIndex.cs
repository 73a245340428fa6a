using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using TalentMatch.Contracts;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace TalentMatch.SearchIndex.Lucene;

/// <summary>
/// The embedded search engine: a Lucene.Net index on disk, BM25 over title and text analysed with
/// the CJK analyser (Chinese bigrams, English words), one index for every tenant with the tenant
/// as a mandatory filter. Each write commits before it returns, so an acknowledged document
/// survives a crash; batching commits for throughput belongs to the bulk path.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const int SnippetLength = 240;

    private static class Fields
    {
        public const string Key = "key";
        public const string Tenant = "tenant";
        public const string Kind = "kind";
        public const string Id = "id";
        public const string Title = "title";
        public const string Text = "text";
        public const string Skill = "skill";
    }

    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly Similarity _similarity = new BM25Similarity();

    public LuceneSearchIndex(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        _directory = FSDirectory.Open(path);
        _analyzer = new CJKAnalyzer(Version);
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = _similarity,
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new SearcherFactory());
    }

    public Task IndexAsync(string tenantId, IndexedProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(profile);

        var document = new Document
        {
            new StringField(Fields.Key, Key(tenantId, profile.Kind, profile.Id), Field.Store.NO),
            new StringField(Fields.Tenant, tenantId, Field.Store.YES),
            new StringField(Fields.Kind, KindName(profile.Kind), Field.Store.YES),
            new StringField(Fields.Id, profile.Id.ToString(), Field.Store.YES),
            new TextField(Fields.Text, profile.Text, Field.Store.YES),
        };
        if (profile.Title is not null)
        {
            document.Add(new TextField(Fields.Title, profile.Title, Field.Store.YES));
        }

        foreach (var skill in profile.SkillIds)
        {
            document.Add(new StringField(Fields.Skill, skill, Field.Store.YES));
        }

        _writer.UpdateDocument(new Term(Fields.Key, Key(tenantId, profile.Kind, profile.Id)), document);
        Commit();
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var key = new Term(Fields.Key, Key(tenantId, kind, id));
        var existed = Count(new TermQuery(key)) > 0;
        _writer.DeleteDocuments(key);
        Commit();
        return Task.FromResult(existed);
    }

    public Task<IndexedProfile?> GetAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(new TermQuery(new Term(Fields.Key, Key(tenantId, kind, id))), 1);
            return Task.FromResult(top.TotalHits == 0 ? null : ToProfile(searcher.Doc(top.ScoreDocs[0].Doc)));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public Task<SearchResults> SearchAsync(string tenantId, SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, SearchQuery.MaxLimit);

        var text = ParseText(query.Text);
        if (text is null)
        {
            return Task.FromResult(new SearchResults(0, []));
        }

        // Tenant and kind are a filter (no effect on the score); the text decides the ranking.
        var scope = new QueryWrapperFilter(new BooleanQuery
        {
            { new TermQuery(new Term(Fields.Tenant, tenantId)), Occur.MUST },
            { new TermQuery(new Term(Fields.Kind, KindName(query.Kind))), Occur.MUST },
        });

        var searcher = _searchers.Acquire();
        try
        {
            searcher.Similarity = _similarity;
            var top = searcher.Search(text, scope, limit);
            var terms = query.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var hits = top.ScoreDocs.Select(hit =>
            {
                var doc = searcher.Doc(hit.Doc);
                var kind = Enum.Parse<DocumentKind>(Get(doc, Fields.Kind), ignoreCase: true);
                return new SearchHit(Guid.Parse(Get(doc, Fields.Id)), kind, Get(doc, Fields.Title), hit.Score, Snippet(Get(doc, Fields.Text), terms));
            }).ToList();
            return Task.FromResult(new SearchResults(top.TotalHits, hits));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    /// <summary>
    /// User text is words, not Lucene syntax: it goes through the analyser and every resulting
    /// term becomes an optional clause on title (boosted) and text, so no input (operators,
    /// quotes, "C++") can make a parse error. Null when nothing searchable remains (only stop words).
    /// </summary>
    private BooleanQuery? ParseText(string text)
    {
        const int MaxTerms = 64; // bounds the cost of a pasted paragraph
        var terms = new HashSet<string>(StringComparer.Ordinal);
        using (var stream = _analyzer.GetTokenStream(Fields.Text, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken() && terms.Count < MaxTerms)
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
            query.Add(new TermQuery(new Term(Fields.Title, term)) { Boost = 2f }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(Fields.Text, term)), Occur.SHOULD);
        }

        return query;
    }

    private void Commit()
    {
        _writer.Commit();
        _searchers.MaybeRefreshBlocking();
    }

    private int Count(Query query)
    {
        var searcher = _searchers.Acquire();
        try
        {
            return searcher.Search(query, 1).TotalHits;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static string Get(Document doc, string field) => doc.Get(field, CultureInfo.InvariantCulture);

    private static string Key(string tenantId, DocumentKind kind, Guid id) => $"{tenantId}/{KindName(kind)}/{id}";

    private static string KindName(DocumentKind kind) => kind.ToString().ToLowerInvariant();

    private static IndexedProfile ToProfile(Document doc) => new(
        Guid.Parse(Get(doc, Fields.Id)),
        Enum.Parse<DocumentKind>(Get(doc, Fields.Kind), ignoreCase: true),
        Get(doc, Fields.Title),
        Get(doc, Fields.Text),
        doc.GetValues(Fields.Skill, CultureInfo.InvariantCulture));

    /// <summary>A window of the text around the first query word it contains (plain text; highlighting comes with hybrid search).</summary>
    private static string Snippet(string text, IReadOnlyList<string> terms)
    {
        var first = terms
            .Select(t => text.IndexOf(t, StringComparison.OrdinalIgnoreCase))
            .Where(i => i >= 0)
            .DefaultIfEmpty(0)
            .Min();
        var start = Math.Max(0, first - (SnippetLength / 4));
        var length = Math.Min(SnippetLength, text.Length - start);
        var snippet = text.Substring(start, length).ReplaceLineEndings(" ").Trim();
        return (start > 0 ? "…" : "") + snippet + (start + length < text.Length ? "…" : "");
    }
}
