using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using TalentMatch.Contracts;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>Settings of the embedded engine.</summary>
public sealed record LuceneSearchIndexOptions : SearchIndexOptions
{
    public VectorIndexOptions Vectors { get; init; } = new();

    /// <summary>Score a nice-to-have skill adds (BM25 scores of a few matching words are of the order of 1–10).</summary>
    public float NiceToHaveBoost { get; init; } = 1.5f;
}

/// <summary>
/// The embedded search engine. Lucene.Net on disk: BM25 over title and text analysed with the CJK analyser
/// (Chinese bigrams, English words), one index for every tenant with tenant and kind as mandatory filters,
/// skills indexed with their ancestors, facets from doc values. USearch beside it for approximate kNN
/// (<see cref="VectorIndex"/>: one graph per tenant and kind); vectors are also kept in Lucene (binary doc
/// values), which is the source of truth. Each write commits before it returns, so an acknowledged
/// document survives a crash; the vector files are reconciled with the last commit on start-up.
/// Hybrid ranking: reciprocal rank fusion of the BM25 list and the kNN list (ADR 0003).
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const int SnippetLength = 240;
    private const int MaxQueryTerms = 64; // bounds the cost of a pasted paragraph
    private const int MinFusionDepth = 100;

    private static class Fields
    {
        public const string Key = "key";
        public const string Tenant = "tenant";
        public const string Kind = "kind";
        public const string TenantKind = "tk";
        public const string Id = "id";
        public const string Title = "title";
        public const string Text = "text";
        public const string Skill = "skill";
        public const string SkillFacet = "skill_dv";
        public const string SkillExpanded = "skill_x";
        public const string Years = "years";
        public const string Location = "location";
        public const string LocationFacet = "location_dv";
        public const string Remote = "remote";
        public const string Seniority = "seniority";
        public const string SeniorityFacet = "seniority_dv";
        public const string Language = "language";
        public const string Vector = "vec";
        public const string Label = "vlabel";
        public const string Revision = "rev";
    }

    private readonly LuceneSearchIndexOptions _options;
    private readonly string _vectorPath;
    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly Similarity _similarity = new BM25Similarity();
    private readonly ConcurrentDictionary<string, VectorIndex> _vectors = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<object, Dictionary<long, int>> _labelMaps = new();
    private readonly System.Threading.Lock _writeLock = new();
    private long _nextLabel;
    private int _writesSinceSave;
    private bool _disposed;

    public LuceneSearchIndex(string path, LuceneSearchIndexOptions? options = null)
    {
        _options = options ?? new LuceneSearchIndexOptions();
        System.IO.Directory.CreateDirectory(path);
        // Lucene's files at the top (where the keyword-only index kept them), the vector files in a sub-folder.
        _vectorPath = Path.Combine(path, "usearch");
        System.IO.Directory.CreateDirectory(_vectorPath);
        _directory = FSDirectory.Open(path);
        _analyzer = new CJKAnalyzer(Version);
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = _similarity,
            RAMBufferSizeMB = 64,
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new SearcherFactory());
        ReconcileVectors();
    }

    /// <summary>Documents per tenant and kind that have a vector in the approximate index (for diagnostics and tests).</summary>
    internal long VectorCount(string tenantId, DocumentKind kind) =>
        _vectors.TryGetValue(TenantKind(tenantId, kind), out var v) ? v.Count : 0;

    public Task IndexAsync(string tenantId, IndexedProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return IndexManyAsync(tenantId, [profile], cancellationToken);
    }

    public Task IndexManyAsync(string tenantId, IReadOnlyCollection<IndexedProfile> profiles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(profiles);
        if (profiles.Count == 0)
        {
            return Task.CompletedTask;
        }

        // The same profile twice in one batch: the last one wins (as it would in two calls).
        var prepared = profiles.Select(p =>
        {
            ArgumentNullException.ThrowIfNull(p);
            var vector = p.Vector is null ? null : Vectors.Normalised(p.Vector);
            if (vector is not null && _vectors.TryGetValue(TenantKind(tenantId, p.Kind), out var existing) && existing.Dimensions != vector.Length)
            {
                throw new ArgumentException($"The vector has {vector.Length} dimensions; this tenant's {KindName(p.Kind)} index has {existing.Dimensions}.", nameof(profiles));
            }

            return (Profile: p, Vector: vector);
        }).GroupBy(p => (p.Profile.Kind, p.Profile.Id)).Select(g => g.Last()).ToList();

        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // A late redelivery of an older revision must not replace what is indexed.
            prepared.RemoveAll(p => FindLive(new Term(Fields.Key, Key(tenantId, p.Profile.Kind, p.Profile.Id)), out _, out var indexedRevision)
                && indexedRevision > p.Profile.Revision);
            if (prepared.Count == 0)
            {
                return Task.CompletedTask;
            }

            var previous = ExistingLabels(tenantId, prepared.Select(p => p.Profile));
            var added = new List<(string TenantKind, ulong Label, float[] Vector)>();
            foreach (var (profile, vector) in prepared)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var label = vector is null ? 0 : (ulong)Interlocked.Increment(ref _nextLabel);
                _writer.UpdateDocument(new Term(Fields.Key, Key(tenantId, profile.Kind, profile.Id)), ToDocument(tenantId, profile, vector, label));
                if (vector is not null)
                {
                    added.Add((TenantKind(tenantId, profile.Kind), label, vector));
                }
            }

            // Durable first; the approximate index follows (a crash in between is repaired on start-up).
            Commit();
            foreach (var (tk, label) in previous)
            {
                if (_vectors.TryGetValue(tk, out var index))
                {
                    index.Remove(label);
                }
            }

            foreach (var group in added.GroupBy(a => a.TenantKind, StringComparer.Ordinal))
            {
                var index = VectorsFor(group.Key, group.First().Vector.Length);
                if (group.Count() == 1)
                {
                    index.Add(group.First().Label, group.First().Vector);
                }
                else
                {
                    var fresh = group.Where(a => !index.Contains(a.Label)).ToList();
                    index.AddMany([.. fresh.Select(a => a.Label)], [.. fresh.Select(a => a.Vector)]);
                }
            }

            _writesSinceSave += profiles.Count;
            if (_writesSinceSave >= _options.Vectors.SaveEveryWrites)
            {
                SaveVectors();
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var key = new Term(Fields.Key, Key(tenantId, kind, id));
            var existed = FindLive(key, out var label, out _);
            _writer.DeleteDocuments(key);
            Commit();
            if (label != 0 && _vectors.TryGetValue(TenantKind(tenantId, kind), out var index))
            {
                index.Remove(label);
            }

            return Task.FromResult(existed);
        }
    }

    public Task<IndexedProfile?> GetAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(new TermQuery(new Term(Fields.Key, Key(tenantId, kind, id))), 1);
            if (top.TotalHits == 0)
            {
                return Task.FromResult<IndexedProfile?>(null);
            }

            var docId = top.ScoreDocs[0].Doc;
            var leaf = searcher.IndexReader.Leaves[ReaderUtil.SubIndex(docId, searcher.IndexReader.Leaves)];
            var vector = ReadVector(leaf.AtomicReader, docId - leaf.DocBase);
            var revision = (int)(leaf.AtomicReader.GetNumericDocValues(Fields.Revision)?.Get(docId - leaf.DocBase) ?? 0);
            return Task.FromResult<IndexedProfile?>(ToProfile(searcher.Doc(docId), vector) with { Revision = revision });
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
        var offset = SearchCursor.Decode(tenantId, query);
        var limit = Math.Min(Math.Clamp(query.Limit, 1, SearchQuery.MaxLimit), SearchQuery.MaxWindow - offset);
        var window = offset + limit;
        var textQuery = ParseText(query.Text ?? "");
        if (!query.HasCriteria(textQuery is not null))
        {
            return Task.FromResult(new SearchResults(0, []));
        }

        var queryVector = query.Vector is null ? null : Vectors.Normalised(query.Vector);
        var (scope, narrowed) = Filter(tenantId, query);
        var depth = Math.Max(MinFusionDepth, window);

        var searcher = _searchers.Acquire();
        try
        {
            searcher.Similarity = _similarity;
            var facets = query.Facets == SearchFacets.None ? null : new FacetCounter(query.Facets);

            // The lexical list: words (BM25) and nice-to-have skills; with neither and no vector, everything
            // that passes the filters (must-have skills alone are a legitimate search). Facets count the
            // documents that match the words and the filters (only the filters when there are no words).
            ScoreDoc[]? lexical = null;
            long total = 0;
            var lexicalQuery = LexicalQuery(textQuery, query, queryVector is not null);
            if (lexicalQuery is not null)
            {
                var top = TopScoreDocCollector.Create(depth, docsScoredInOrder: false);
                var countFacetsHere = textQuery is not null && facets is not null;
                searcher.Search(lexicalQuery, scope, countFacetsHere ? MultiCollector.Wrap(top, facets) : top);
                var topDocs = top.GetTopDocs();
                lexical = topDocs.ScoreDocs;
                total = topDocs.TotalHits;
            }

            long filtered = 0;
            if ((facets is not null && textQuery is null) || lexicalQuery is null)
            {
                var counter = new TotalHitCountCollector();
                searcher.Search(new MatchAllDocsQuery(), scope, facets is not null && textQuery is null ? MultiCollector.Wrap(counter, facets) : counter);
                filtered = counter.TotalHits;
            }

            var nearest = queryVector is null ? null : Nearest(searcher, tenantId, query.Kind, queryVector, scope, narrowed, depth);

            List<(int Doc, double Score)> ranked;
            if (lexical is not null && nearest is not null)
            {
                var lexicalDocs = lexical.Select(d => d.Doc).ToList();
                ranked = ReciprocalRankFusion.Fuse<int>(lexicalDocs, nearest);
                var inLexical = lexicalDocs.ToHashSet();
                total += nearest.Count(d => !inLexical.Contains(d));
            }
            else if (nearest is not null)
            {
                ranked = [.. nearest.Select((d, i) => (d, 1.0 / (ReciprocalRankFusion.K + i + 1)))];
                total = filtered;
            }
            else
            {
                ranked = [.. lexical!.Select(d => (d.Doc, (double)d.Score))];
            }

            var hits = ranked.Skip(offset).Take(limit)
                .Select(r => ToHit(searcher, r.Doc, r.Score, textQuery, query.Text ?? ""))
                .ToList();
            return Task.FromResult(new SearchResults(total, hits)
            {
                Facets = facets?.Result(_options.FacetSize) ?? new Dictionary<string, IReadOnlyList<FacetValue>>(),
                NextCursor = SearchCursor.Next(tenantId, query, offset, limit, ranked.Count),
            });
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Saves the vector files now (they are otherwise saved every
    /// <see cref="VectorIndexOptions.SaveEveryWrites"/> documents written, and on disposal). Saving only
    /// shortens the next start-up: what Lucene committed is durable without it.</summary>
    public void Checkpoint()
    {
        lock (_writeLock)
        {
            SaveVectors();
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            SaveVectors();
            foreach (var index in _vectors.Values)
            {
                index.Dispose();
            }

            _searchers.Dispose();
            _writer.Dispose();
            _analyzer.Dispose();
            _directory.Dispose();
        }
    }

    // ---- queries ----

    /// <summary>
    /// User text is words, not Lucene syntax: it goes through the analyser and every resulting
    /// term becomes an optional clause on title (boosted) and text, so no input (operators,
    /// quotes, "C++") can make a parse error. Null when nothing searchable remains (only stop words).
    /// </summary>
    private BooleanQuery? ParseText(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        using (var stream = _analyzer.GetTokenStream(Fields.Text, text))
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
            query.Add(new TermQuery(new Term(Fields.Title, term)) { Boost = 2f }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(Fields.Text, term)), Occur.SHOULD);
        }

        return query;
    }

    private Query? LexicalQuery(BooleanQuery? text, SearchQuery query, bool hasVector)
    {
        var nice = query.NiceToHaveSkills.Distinct(StringComparer.Ordinal)
            .Select(s => new ConstantScoreQuery(new TermQuery(new Term(Fields.SkillExpanded, s))) { Boost = _options.NiceToHaveBoost })
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

    /// <summary>Tenant and kind always; the query's filters on top. <c>narrowed</c>: whether anything
    /// beyond tenant and kind filters (then kNN must check each neighbour against the filter).</summary>
    private static (Filter Filter, bool Narrowed) Filter(string tenantId, SearchQuery query)
    {
        var filter = new BooleanQuery
        {
            { new TermQuery(new Term(Fields.Tenant, tenantId)), Occur.MUST },
            { new TermQuery(new Term(Fields.Kind, KindName(query.Kind))), Occur.MUST },
        };
        var narrowed = false;
        void Must(Query q)
        {
            filter.Add(q, Occur.MUST);
            narrowed = true;
        }

        foreach (var skill in query.MustHaveSkills.Distinct(StringComparer.Ordinal))
        {
            Must(new TermQuery(new Term(Fields.SkillExpanded, skill)));
        }

        if (query.YearsMin is not null || query.YearsMax is not null)
        {
            Must(NumericRangeQuery.NewDoubleRange(Fields.Years, query.YearsMin, query.YearsMax, true, true));
        }

        if (SearchCursor.Normalise(query.Location) is { } location)
        {
            Must(new TermQuery(new Term(Fields.Location, location)));
        }

        if (query.Remote is { } remote)
        {
            Must(new TermQuery(new Term(Fields.Remote, RemoteName(remote))));
        }

        if (SearchCursor.Normalise(query.Seniority) is { } seniority)
        {
            Must(new TermQuery(new Term(Fields.Seniority, seniority)));
        }

        if (SearchCursor.Normalise(query.Language) is { } language)
        {
            Must(new TermQuery(new Term(Fields.Language, language)));
        }

        return (new QueryWrapperFilter(filter), narrowed);
    }

    /// <summary>
    /// kNN within the filter. Without filters beyond tenant and kind, the tenant's own graph answers
    /// directly. With filters, the filtered set is collected first: small sets are scored exactly from the
    /// vectors in Lucene, large ones are searched in the graph with over-fetching until enough neighbours pass.
    /// </summary>
    private List<int> Nearest(IndexSearcher searcher, string tenantId, DocumentKind kind, float[] vector, Filter scope, bool narrowed, int k)
    {
        if (!_vectors.TryGetValue(TenantKind(tenantId, kind), out var index))
        {
            return [];
        }

        if (vector.Length != index.Dimensions)
        {
            throw new ArgumentException($"The query vector has {vector.Length} dimensions; the index has {index.Dimensions}.", nameof(vector));
        }

        var leaves = searcher.IndexReader.Leaves;
        if (!narrowed)
        {
            return ResolveLabels(leaves, index.Search(vector, k).Labels, allowed: null, k);
        }

        var allowed = new FilteredDocs(searcher.IndexReader.MaxDoc);
        searcher.Search(new MatchAllDocsQuery(), scope, allowed);
        if (allowed.Count <= _options.Vectors.ExactSearchThreshold)
        {
            return ExactNearest(leaves, allowed, vector, k);
        }

        var size = index.Count;
        for (var fetch = k * 4; ; fetch *= 4)
        {
            var result = ResolveLabels(leaves, index.Search(vector, (int)Math.Min(fetch, size)).Labels, allowed.Bits, k);
            if (result.Count >= k || fetch >= size)
            {
                return result;
            }
        }
    }

    private static List<int> ExactNearest(IList<AtomicReaderContext> leaves, FilteredDocs allowed, float[] vector, int k)
    {
        var heap = new PriorityQueue<int, float>(k + 1);
        var bytes = new BytesRef();
        var candidate = new float[vector.Length];
        foreach (var leaf in leaves)
        {
            var values = leaf.AtomicReader.GetBinaryDocValues(Fields.Vector);
            if (values is null)
            {
                continue;
            }

            var end = leaf.DocBase + leaf.AtomicReader.MaxDoc;
            for (var doc = allowed.Bits.NextSetBit(leaf.DocBase); doc >= 0 && doc < end; doc = doc + 1 < allowed.Bits.Length ? allowed.Bits.NextSetBit(doc + 1) : -1)
            {
                values.Get(doc - leaf.DocBase, bytes);
                if (bytes.Length != vector.Length * sizeof(float))
                {
                    continue; // no vector
                }

                MemoryMarshal.Cast<byte, float>(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length)).CopyTo(candidate);
                var similarity = Vectors.Dot(vector, candidate);
                heap.Enqueue(doc, similarity);
                if (heap.Count > k)
                {
                    heap.Dequeue();
                }
            }
        }

        var result = new int[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = heap.Dequeue();
        }

        return [.. result];
    }

    /// <summary>Labels → live documents, in order; labels of deleted or replaced documents drop out.</summary>
    private List<int> ResolveLabels(IList<AtomicReaderContext> leaves, ulong[] labels, FixedBitSet? allowed, int k)
    {
        var maps = leaves.Select(l => (Leaf: l, Map: LabelMap(l.AtomicReader), Live: l.AtomicReader.LiveDocs)).ToList();
        var result = new List<int>(Math.Min(k, labels.Length));
        foreach (var label in labels)
        {
            foreach (var (leaf, map, live) in maps)
            {
                if (map.TryGetValue((long)label, out var local) && (live is null || live.Get(local)))
                {
                    var doc = leaf.DocBase + local;
                    if (allowed is null || allowed.Get(doc))
                    {
                        result.Add(doc);
                    }

                    break;
                }
            }

            if (result.Count == k)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Label → local doc id of one segment, built once per segment (segments never change; deletions are checked separately).</summary>
    private Dictionary<long, int> LabelMap(AtomicReader reader) => _labelMaps.GetValue(reader.CoreCacheKey, _ =>
    {
        var labels = reader.GetNumericDocValues(Fields.Label);
        var map = new Dictionary<long, int>();
        if (labels is not null)
        {
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                var label = labels.Get(doc);
                if (label != 0)
                {
                    map[label] = doc;
                }
            }
        }

        return map;
    });

    private SearchHit ToHit(IndexSearcher searcher, int docId, double score, BooleanQuery? textQuery, string rawText)
    {
        var doc = searcher.Doc(docId);
        var text = Get(doc, Fields.Text);
        var terms = rawText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return new SearchHit(Guid.Parse(Get(doc, Fields.Id)), ParseKind(Get(doc, Fields.Kind)), Get(doc, Fields.Title), score, Snippet(text, terms))
        {
            Highlights = textQuery is null ? [] : Highlight(textQuery, text),
        };
    }

    private string[] Highlight(BooleanQuery textQuery, string text)
    {
        var highlighter = new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new SimpleHTMLEncoder(), new QueryScorer(textQuery, Fields.Text))
        {
            TextFragmenter = new SimpleFragmenter(120),
            MaxDocCharsToAnalyze = 50_000,
        };
        using var stream = _analyzer.GetTokenStream(Fields.Text, text);
        return highlighter.GetBestFragments(stream, text, 3);
    }

    // ---- writes ----

    private Document ToDocument(string tenantId, IndexedProfile profile, float[]? vector, ulong label)
    {
        var kind = KindName(profile.Kind);
        var document = new Document
        {
            new StringField(Fields.Key, Key(tenantId, profile.Kind, profile.Id), Field.Store.NO),
            new StringField(Fields.Tenant, tenantId, Field.Store.YES),
            new StringField(Fields.Kind, kind, Field.Store.YES),
            new SortedDocValuesField(Fields.TenantKind, new BytesRef(TenantKind(tenantId, profile.Kind))),
            new StringField(Fields.Id, profile.Id.ToString(), Field.Store.YES),
            new TextField(Fields.Text, profile.Text, Field.Store.YES),
            new NumericDocValuesField(Fields.Revision, profile.Revision),
        };
        if (profile.Title is not null)
        {
            document.Add(new TextField(Fields.Title, profile.Title, Field.Store.YES));
        }

        var expanded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var skill in profile.SkillIds.Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(Fields.Skill, skill, Field.Store.YES));
            document.Add(new SortedSetDocValuesField(Fields.SkillFacet, new BytesRef(skill)));
            expanded.Add(skill);
            expanded.UnionWith(_options.SkillAncestors(skill));
        }

        foreach (var skill in expanded)
        {
            document.Add(new StringField(Fields.SkillExpanded, skill, Field.Store.NO));
        }

        if (profile.YearsOfExperience is { } years)
        {
            document.Add(new DoubleField(Fields.Years, years, Field.Store.YES));
        }

        if (SearchCursor.Normalise(profile.Location) is { } location)
        {
            document.Add(new StringField(Fields.Location, location, Field.Store.YES));
            document.Add(new SortedDocValuesField(Fields.LocationFacet, new BytesRef(location)));
        }

        if (profile.Remote is { } remote)
        {
            document.Add(new StringField(Fields.Remote, RemoteName(remote), Field.Store.YES));
        }

        if (SearchCursor.Normalise(profile.Seniority) is { } seniority)
        {
            document.Add(new StringField(Fields.Seniority, seniority, Field.Store.YES));
            document.Add(new SortedDocValuesField(Fields.SeniorityFacet, new BytesRef(seniority)));
        }

        if (SearchCursor.Normalise(profile.Language) is { } language)
        {
            document.Add(new StringField(Fields.Language, language, Field.Store.YES));
        }

        if (vector is not null)
        {
            document.Add(new BinaryDocValuesField(Fields.Vector, new BytesRef(MemoryMarshal.AsBytes(vector.AsSpan()).ToArray())));
            document.Add(new NumericDocValuesField(Fields.Label, (long)label));
        }

        return document;
    }

    /// <summary>Vector labels of the documents these profiles replace (removed from the graph after the commit).</summary>
    private List<(string TenantKind, ulong Label)> ExistingLabels(string tenantId, IEnumerable<IndexedProfile> profiles)
    {
        var result = new List<(string, ulong)>();
        foreach (var profile in profiles)
        {
            if (_vectors.ContainsKey(TenantKind(tenantId, profile.Kind))
                && FindLive(new Term(Fields.Key, Key(tenantId, profile.Kind, profile.Id)), out var label, out _) && label != 0)
            {
                result.Add((TenantKind(tenantId, profile.Kind), label));
            }
        }

        return result;
    }

    /// <summary>Whether a live document has <paramref name="key"/>; its vector label and revision (0 for documents indexed before revisions were stored).</summary>
    private bool FindLive(Term key, out ulong label, out long revision)
    {
        label = 0;
        revision = 0;
        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(new TermQuery(key), 1);
            if (top.TotalHits == 0)
            {
                return false;
            }

            var docId = top.ScoreDocs[0].Doc;
            var leaf = searcher.IndexReader.Leaves[ReaderUtil.SubIndex(docId, searcher.IndexReader.Leaves)];
            label = (ulong)(leaf.AtomicReader.GetNumericDocValues(Fields.Label)?.Get(docId - leaf.DocBase) ?? 0);
            revision = leaf.AtomicReader.GetNumericDocValues(Fields.Revision)?.Get(docId - leaf.DocBase) ?? 0;
            return true;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private void Commit()
    {
        _writer.Commit();
        _searchers.MaybeRefreshBlocking();
    }

    private VectorIndex VectorsFor(string tenantKind, int dimensions) =>
        _vectors.GetOrAdd(tenantKind, tk =>
        {
            var (tenant, kind) = SplitTenantKind(tk);
            return VectorIndex.Create(Path.Combine(_vectorPath, VectorIndex.FileName(tenant, kind)), dimensions, _options.Vectors);
        });

    private void SaveVectors()
    {
        foreach (var index in _vectors.Values)
        {
            index.Save();
        }

        _writesSinceSave = 0;
    }

    /// <summary>
    /// Start-up: the vector files are caches of what Lucene committed. Load each tenant's file, add the
    /// vectors of committed documents it lacks (written after its last save, before a crash), and rebuild it
    /// from Lucene when it is missing, unreadable or holds vectors Lucene no longer has.
    /// </summary>
    private void ReconcileVectors()
    {
        var searcher = _searchers.Acquire();
        try
        {
            var groups = new Dictionary<string, List<(ulong Label, AtomicReader Reader, int Doc)>>(StringComparer.Ordinal);
            long maxLabel = 0;
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var labels = reader.GetNumericDocValues(Fields.Label);
                var tenantKinds = reader.GetSortedDocValues(Fields.TenantKind);
                if (labels is null || tenantKinds is null)
                {
                    continue;
                }

                var live = reader.LiveDocs;
                var bytes = new BytesRef();
                for (var doc = 0; doc < reader.MaxDoc; doc++)
                {
                    var label = labels.Get(doc);
                    maxLabel = Math.Max(maxLabel, label);
                    if (label == 0 || (live is not null && !live.Get(doc)))
                    {
                        continue;
                    }

                    tenantKinds.Get(doc, bytes);
                    var tk = bytes.Utf8ToString();
                    if (!groups.TryGetValue(tk, out var list))
                    {
                        groups[tk] = list = [];
                    }

                    list.Add(((ulong)label, reader, doc));
                }
            }

            _nextLabel = maxLabel;
            foreach (var (tk, entries) in groups)
            {
                var (tenant, kind) = SplitTenantKind(tk);
                var path = Path.Combine(_vectorPath, VectorIndex.FileName(tenant, kind));
                var loaded = VectorIndex.TryLoad(path);
                if (loaded is not null && loaded.Count > entries.Count)
                {
                    loaded.Dispose(); // holds vectors of deleted documents: rebuild
                    loaded = null;
                }

                var missing = loaded is null ? entries : entries.Where(e => !loaded.Contains(e.Label)).ToList();
                var vectors = missing.Select(e => ReadVector(e.Reader, e.Doc)!).ToArray();
                var index = loaded ?? VectorIndex.Create(path, vectors[0].Length, _options.Vectors);
                if (loaded is not null && index.Count + missing.Count != entries.Count)
                {
                    throw new InvalidDataException($"Vector file '{path}' does not match the Lucene index.");
                }

                index.AddMany([.. missing.Select(e => e.Label)], vectors);
                _vectors[tk] = index;
            }

            SaveVectors();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    // ---- helpers ----

    private static float[]? ReadVector(AtomicReader reader, int doc)
    {
        var values = reader.GetBinaryDocValues(Fields.Vector);
        if (values is null)
        {
            return null;
        }

        var bytes = new BytesRef();
        values.Get(doc, bytes);
        return bytes.Length == 0 ? null : MemoryMarshal.Cast<byte, float>(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length)).ToArray();
    }

    private static string Get(Document doc, string field) => doc.Get(field, CultureInfo.InvariantCulture);

    private static string Key(string tenantId, DocumentKind kind, Guid id) => $"{tenantId}/{KindName(kind)}/{id}";

    // Tenant ids may contain '/', kinds never do: split at the last one.
    private static string TenantKind(string tenantId, DocumentKind kind) => $"{tenantId}/{KindName(kind)}";

    private static (string Tenant, string Kind) SplitTenantKind(string tenantKind)
    {
        var slash = tenantKind.LastIndexOf('/');
        return (tenantKind[..slash], tenantKind[(slash + 1)..]);
    }

    private static string KindName(DocumentKind kind) => kind.ToString().ToLowerInvariant();

    private static DocumentKind ParseKind(string kind) => Enum.Parse<DocumentKind>(kind, ignoreCase: true);

    private static string RemoteName(WorkMode mode) => mode.ToString().ToLowerInvariant();

    private static IndexedProfile ToProfile(Document doc, float[]? vector) => new(
        Guid.Parse(Get(doc, Fields.Id)),
        ParseKind(Get(doc, Fields.Kind)),
        Get(doc, Fields.Title),
        Get(doc, Fields.Text),
        doc.GetValues(Fields.Skill, CultureInfo.InvariantCulture))
    {
        Vector = vector,
        YearsOfExperience = doc.GetField(Fields.Years)?.GetDoubleValue(),
        Location = Get(doc, Fields.Location),
        Remote = Get(doc, Fields.Remote) is { } remote ? Enum.Parse<WorkMode>(remote, ignoreCase: true) : null,
        Seniority = Get(doc, Fields.Seniority),
        Language = Get(doc, Fields.Language),
    };

    /// <summary>A window of the text around the first query word it contains (plain text; see highlights for marked-up fragments).</summary>
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

    /// <summary>Collects the documents that pass a filter, as one bit set over the whole reader.</summary>
    private sealed class FilteredDocs(int maxDoc) : ICollector
    {
        private int _docBase;

        public FixedBitSet Bits { get; } = new(Math.Max(1, maxDoc));

        public int Count { get; private set; }

        public bool AcceptsDocsOutOfOrder => true;

        public void Collect(int doc)
        {
            Bits.Set(_docBase + doc);
            Count++;
        }

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void SetScorer(Scorer scorer)
        {
        }
    }

    /// <summary>Facet counts from doc values (Lucene.Net.Facet is not available): ordinals are counted per
    /// segment and turned into strings once per segment.</summary>
    private sealed class FacetCounter(SearchFacets which) : ICollector
    {
        private readonly Dictionary<string, Dictionary<string, long>> _totals = new(StringComparer.Ordinal);
        private SortedSetDocValues? _skills;
        private SortedDocValues? _seniority;
        private SortedDocValues? _location;
        private int[]? _skillCounts;
        private int[]? _seniorityCounts;
        private int[]? _locationCounts;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            var reader = context.AtomicReader;
            if (which.HasFlag(SearchFacets.Skills))
            {
                _skills = reader.GetSortedSetDocValues(Fields.SkillFacet);
                _skillCounts = _skills is null ? null : new int[_skills.ValueCount];
            }

            if (which.HasFlag(SearchFacets.Seniority))
            {
                _seniority = reader.GetSortedDocValues(Fields.SeniorityFacet);
                _seniorityCounts = _seniority is null ? null : new int[_seniority.ValueCount];
            }

            if (which.HasFlag(SearchFacets.Location))
            {
                _location = reader.GetSortedDocValues(Fields.LocationFacet);
                _locationCounts = _location is null ? null : new int[_location.ValueCount];
            }
        }

        public void Collect(int doc)
        {
            if (_skills is not null)
            {
                _skills.SetDocument(doc);
                for (var ord = _skills.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = _skills.NextOrd())
                {
                    _skillCounts![ord]++;
                }
            }

            if (_seniority is not null && _seniority.GetOrd(doc) is var s and >= 0)
            {
                _seniorityCounts![s]++;
            }

            if (_location is not null && _location.GetOrd(doc) is var l and >= 0)
            {
                _locationCounts![l]++;
            }
        }

        public Dictionary<string, IReadOnlyList<FacetValue>> Result(int size)
        {
            Flush();
            var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
            foreach (var (name, flag) in new[] { ("skills", SearchFacets.Skills), ("seniority", SearchFacets.Seniority), ("location", SearchFacets.Location) })
            {
                if (which.HasFlag(flag))
                {
                    result[name] = _totals.TryGetValue(name, out var counts)
                        ? [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(size).Select(c => new FacetValue(c.Key, c.Value))]
                        : [];
                }
            }

            return result;
        }

        private void Flush()
        {
            var bytes = new BytesRef();
            void Add(string name, int[]? counts, Action<int, BytesRef> lookup)
            {
                if (counts is null)
                {
                    return;
                }

                if (!_totals.TryGetValue(name, out var totals))
                {
                    _totals[name] = totals = new Dictionary<string, long>(StringComparer.Ordinal);
                }

                for (var ord = 0; ord < counts.Length; ord++)
                {
                    if (counts[ord] > 0)
                    {
                        lookup(ord, bytes);
                        var value = bytes.Utf8ToString();
                        totals[value] = totals.GetValueOrDefault(value) + counts[ord];
                    }
                }
            }

            Add("skills", _skillCounts, (ord, b) => _skills!.LookupOrd(ord, b));
            Add("seniority", _seniorityCounts, (ord, b) => _seniority!.LookupOrd(ord, b));
            Add("location", _locationCounts, (ord, b) => _location!.LookupOrd(ord, b));
            _skillCounts = _seniorityCounts = _locationCounts = null;
            _skills = null;
            _seniority = null;
            _location = null;
        }
    }
}
