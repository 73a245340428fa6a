using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Index;
using Lucene.Net.Search;
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

    /// <summary>Distinct query filters whose per-segment bit sets are kept (<see cref="FilterCache"/>); 0 evaluates
    /// every filter anew on every query (the engine before the cache, kept for comparison in the benchmark).</summary>
    public int FilterCacheSize { get; init; } = 64;
}

/// <summary>
/// The embedded search engine. Lucene.Net on disk: BM25 over title and text analysed with the CJK analyser
/// (Chinese bigrams, English words), one index for every tenant with tenant and kind as mandatory filters,
/// skills indexed with their ancestors, facets from doc values. USearch beside it for approximate kNN
/// (<see cref="VectorIndex"/>: one graph per tenant and kind); vectors are also kept in Lucene (binary doc
/// values), which is the source of truth. Each write commits before it returns, so an acknowledged
/// document survives a crash; the vector files are reconciled with the last commit on start-up.
/// Hybrid ranking: reciprocal rank fusion of the BM25 list and the kNN list (ADR 0003).
/// This class holds the writer, the searchers and the write path, and runs each search; the stages live in
/// <see cref="LuceneDocumentMapper"/> (profile ↔ document, hits), <see cref="LuceneQueryBuilder"/> (words, filters),
/// <see cref="LuceneVectorStore"/> and <see cref="LuceneVectorSearch"/> (the USearch side, kNN, fusion) and
/// <see cref="FacetCountCollector"/>.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// The least time between two rewrites of segments that hold deletions: what bounds their cost
    /// under a stream of deletes, and (with the rewrite itself) how long a deleted text stays in the files.
    /// </summary>
    private static readonly TimeSpan ExpungeGap = TimeSpan.FromSeconds(2);

    /// <summary>Rewrites one expunge may take while segments still hold deleted documents (see ExpungeDeletes).</summary>
    private const int ExpungeRounds = 3;

    private readonly LuceneSearchIndexOptions _options;
    private readonly DeletionExpunger _expunger;
    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly PagingViews _views = new();
    private readonly FilterCache? _filters;
    private readonly FacetOrdinals _facetOrdinals = new();
    private readonly Similarity _similarity = new BM25Similarity();
    private readonly LuceneDocumentMapper _documents;
    private readonly LuceneQueryBuilder _queries;
    private readonly LuceneQueryLanguage _queryLanguage;
    private readonly LuceneVectorStore _vectors;
    private readonly LuceneVectorSearch _vectorSearch;
    private readonly System.Threading.Lock _writeLock = new();
    private bool _disposed;

    public LuceneSearchIndex(string path, LuceneSearchIndexOptions? options = null)
    {
        _options = options ?? new LuceneSearchIndexOptions();
        _filters = _options.FilterCacheSize > 0 ? new FilterCache(_options.FilterCacheSize) : null;
        System.IO.Directory.CreateDirectory(path);
        // Lucene's files at the top (where the keyword-only index kept them), the vector files in a sub-folder.
        var vectorPath = Path.Combine(path, "usearch");
        System.IO.Directory.CreateDirectory(vectorPath);
        _directory = FSDirectory.Open(path);
        _analyzer = new CJKAnalyzer(Version);
        _documents = new LuceneDocumentMapper(_analyzer, _options.SkillAncestors);
        _queries = new LuceneQueryBuilder(_analyzer, _options.NiceToHaveBoost);
        _queryLanguage = new LuceneQueryLanguage(_analyzer);
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = _similarity,
            RAMBufferSizeMB = 64,
            // ForceMergeDeletes (after deletes, see DeletionExpunger) rewrites any segment with a deleted document in it,
            // not only those past the default 10 %: a deleted resume must not stay in the files.
            MergePolicy = new TieredMergePolicy { ForceMergeDeletesPctAllowed = 0 },
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new SearcherFactory());
        _vectors = new LuceneVectorStore(vectorPath, _options.Vectors);
        _expunger = new DeletionExpunger(ExpungeDeletes, ExpungeGap);
        _vectorSearch = new LuceneVectorSearch(_vectors, _options.Vectors.ExactSearchThreshold);
        // The vector files are caches of what Lucene committed: bring them up to date before the first search.
        var committed = _searchers.Acquire();
        try
        {
            _vectors.Reconcile(committed.IndexReader);
        }
        finally
        {
            _searchers.Release(committed);
        }
    }

    /// <summary>False: filters are evaluated anew, as without the cache (tests compare the two on one index).</summary>
    internal bool CacheFilters { get; set; } = true;

    /// <summary>Documents per tenant and kind that have a vector in the approximate index (for diagnostics and tests).</summary>
    internal long VectorCount(string tenantId, DocumentKind kind) =>
        _vectors.Count(LuceneFields.TenantKindOf(tenantId, kind));

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
            if (vector is not null && _vectors.TryGet(LuceneFields.TenantKindOf(tenantId, p.Kind), out var existing) && existing.Dimensions != vector.Length)
            {
                throw new ArgumentException($"The vector has {vector.Length} dimensions; this tenant's {LuceneFields.KindName(p.Kind)} index has {existing.Dimensions}.", nameof(profiles));
            }

            return (Profile: p, Vector: vector);
        }).GroupBy(p => (p.Profile.Kind, p.Profile.Id)).Select(g => g.Last()).ToList();

        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // A change to a document a delete has overtaken adds nothing (the delete holds this lock to its commit).
            prepared.RemoveAll(p => p.Profile.ReplaceOnly && !FindLive(new Term(LuceneFields.Key, LuceneFields.KeyOf(tenantId, p.Profile.Kind, p.Profile.Id)), out _, out _));
            // A late redelivery of an older revision must not replace what is indexed.
            prepared.RemoveAll(p => FindLive(new Term(LuceneFields.Key, LuceneFields.KeyOf(tenantId, p.Profile.Kind, p.Profile.Id)), out _, out var indexedRevision)
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
                var label = vector is null ? 0 : _vectors.NextLabel();
                _writer.UpdateDocument(new Term(LuceneFields.Key, LuceneFields.KeyOf(tenantId, profile.Kind, profile.Id)), _documents.ToDocument(tenantId, profile, vector, label));
                if (vector is not null)
                {
                    added.Add((LuceneFields.TenantKindOf(tenantId, profile.Kind), label, vector));
                }
            }

            // Durable first; the approximate index follows (a crash in between is repaired on start-up).
            Commit();
            foreach (var (tk, label) in previous)
            {
                _vectors.Remove(tk, label);
            }

            foreach (var group in added.GroupBy(a => a.TenantKind, StringComparer.Ordinal))
            {
                var index = _vectors.GetOrCreate(group.Key, group.First().Vector.Length);
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

            _vectors.Written(profiles.Count);
        }

        return Task.CompletedTask;
    }

    public async Task<bool> DeleteAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        bool existed;
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var key = new Term(LuceneFields.Key, LuceneFields.KeyOf(tenantId, kind, id));
            existed = FindLive(key, out var label, out _);
            _writer.DeleteDocuments(key);
            Commit();
            if (label != 0)
            {
                _vectors.Remove(LuceneFields.TenantKindOf(tenantId, kind), label);
            }
        }

        // Searches no longer see it; the text leaves the segment files with the next expunge,
        // shared with every other delete waiting for it (see DeletionExpunger).
        await _expunger.ExpungeAsync().WaitAsync(cancellationToken);
        return existed;
    }

    /// <summary>
    /// Rewrites every segment holding a deleted document (the merge policy allows none to stay) and
    /// commits, which drops the old files. Outside the write lock: IndexWriter merges concurrently
    /// with additions, so indexing is not held up by the rewrite.
    /// </summary>
    private void ExpungeDeletes()
    {
        // A background merge that began before the delete carries the deleted document, marked deleted, into the
        // segment it writes, which this expunge's own merges do not cover: wait for such merges, and go again while a
        // segment still holds a deletion (at most a few rounds: deletes arriving meanwhile wait for the next expunge).
        for (var round = 0; round < ExpungeRounds; round++)
        {
            _writer.WaitForMerges();
            _writer.ForceMergeDeletes(doWait: true);
            lock (_writeLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                Commit();
            }

            if (!_writer.HasDeletions())
            {
                break;
            }
        }

        // Snapshots kept for paging hold the old segment files open: the deleted text leaves the disk only once they go.
        _views.DropAll();
    }

    public Task<IndexedProfile?> GetAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(new TermQuery(new Term(LuceneFields.Key, LuceneFields.KeyOf(tenantId, kind, id))), 1);
            if (top.TotalHits == 0)
            {
                return Task.FromResult<IndexedProfile?>(null);
            }

            var docId = top.ScoreDocs[0].Doc;
            var leaf = searcher.IndexReader.Leaves[ReaderUtil.SubIndex(docId, searcher.IndexReader.Leaves)];
            var vector = LuceneDocumentMapper.ReadVector(leaf.AtomicReader, docId - leaf.DocBase);
            var revision = (int)(leaf.AtomicReader.GetNumericDocValues(LuceneFields.Revision)?.Get(docId - leaf.DocBase) ?? 0);
            return Task.FromResult<IndexedProfile?>(LuceneDocumentMapper.ToProfile(searcher.Doc(docId), vector) with { Revision = revision });
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
        query.ThrowIfSortedWithVector();
        var (offset, view) = SearchCursor.Decode(tenantId, query);
        var limit = Math.Min(Math.Clamp(query.Limit, 1, SearchQuery.MaxLimit), SearchQuery.MaxWindow - offset);
        // A boolean query replaces the plain words (ADR 0014): it must match, ranks the lexical list and filters the kNN list.
        Query? textQuery = query.Boolean is { } boolean ? _queryLanguage.Translate(boolean) : _queries.ParseText(query.Text ?? "");
        if (!query.HasCriteria(textQuery is not null))
        {
            return Task.FromResult(new SearchResults(0, []));
        }

        var queryVector = query.Vector is null ? null : Vectors.Normalised(query.Vector);
        var (scope, narrowed) = CachedFilter(LuceneQueryBuilder.Filter(tenantId, query));
        // A boolean query's kNN filter holds the query itself: seldom asked twice, so not cached (it would only push out
        // the recurring filters).
        var (nearestScope, nearestNarrowed) = query.Boolean is null ? (scope, narrowed) : Uncached(LuceneQueryBuilder.Filter(tenantId, query, textQuery));

        // Later pages rank on the first page's snapshot (PagingViews); when it is gone, on the current index.
        var snapshot = view is { } version ? _views.Acquire(version) : null;
        var expunges = _views.Expunges; // before the searcher: an expunge after this point keeps it out of the snapshots
        var searcher = snapshot ?? _searchers.Acquire();
        try
        {
            searcher.Similarity = _similarity;
            var facets = query.Facets == SearchFacets.None ? null : new FacetCountCollector(query.Facets, _facetOrdinals);

            // The lexical list: words (BM25) and nice-to-have skills; with neither and no vector, everything
            // that passes the filters (must-have skills alone are a legitimate search). Facets count the
            // documents that match the words and the filters (only the filters when there are no words).
            ScoreDoc[]? lexical = null;
            long lexicalTotal = 0;
            var lexicalQuery = _queries.LexicalQuery(textQuery, query, queryVector is not null);
            var depth = SearchCursor.CollectDepth(offset, limit, fused: lexicalQuery is not null && queryVector is not null, query);
            if (lexicalQuery is not null)
            {
                var (top, topDocsOf) = TopCollector(query.Sort, depth);
                var countFacetsHere = textQuery is not null && facets is not null;
                searcher.Search(lexicalQuery, scope, countFacetsHere ? MultiCollector.Wrap(top, facets) : top);
                var topDocs = topDocsOf();
                lexical = topDocs.ScoreDocs;
                lexicalTotal = topDocs.TotalHits;
            }

            long filtered = 0;
            if ((facets is not null && textQuery is null) || lexicalQuery is null)
            {
                var counter = new TotalHitCountCollector();
                searcher.Search(new MatchAllDocsQuery(), scope, facets is not null && textQuery is null ? MultiCollector.Wrap(counter, facets) : counter);
                filtered = counter.TotalHits;
            }

            var nearest = queryVector is null ? null : _vectorSearch.Nearest(searcher, tenantId, query.Kind, queryVector, nearestScope, nearestNarrowed, depth);
            var (ranked, total) = LuceneVectorSearch.Fuse(lexical, lexicalTotal, nearest, filtered);
            var folded = query.CollapseDuplicates
                ? DuplicateCollapse.Fold(ranked, GroupReader(searcher))
                : ranked.Select(r => (Best: r, Others: new List<(int Doc, double Score)>())).ToList();
            var hits = folded.Skip(offset).Take(limit)
                .Select(f => (query.IdsOnly
                    ? LuceneDocumentMapper.ToIdHit(searcher, f.Best.Doc, f.Best.Score)
                    : _documents.ToHit(searcher, f.Best.Doc, f.Best.Score, textQuery, query.Text ?? "")) with
                {
                    Duplicates = [.. f.Others.Select(o => LuceneDocumentMapper.IdOf(searcher, o.Doc))],
                })
                .ToList();
            if (snapshot is not null)
            {
                hits = WithoutDeletedSince(tenantId, hits);
            }

            var hasNext = SearchCursor.HasNext(offset, limit, folded.Count);
            return Task.FromResult(new SearchResults(total, hits)
            {
                Facets = facets?.Result(_options.FacetSize) ?? new Dictionary<string, IReadOnlyList<FacetValue>>(),
                NextCursor = hasNext ? SearchCursor.Encode(tenantId, query, offset + limit, snapshot is null ? _views.Record(searcher, expunges) : view) : null,
            });
        }
        finally
        {
            if (snapshot is not null)
            {
                _views.Release(snapshot);
            }
            else
            {
                _searchers.Release(searcher);
            }
        }
    }

    private (Filter Filter, bool Narrowed) CachedFilter((Query Filter, bool Narrowed) filter) =>
        _filters is null || !CacheFilters ? Uncached(filter) : (_filters.For(filter.Filter), filter.Narrowed);

    private static (Filter Filter, bool Narrowed) Uncached((Query Filter, bool Narrowed) filter) =>
        (new QueryWrapperFilter(filter.Filter), filter.Narrowed);

    /// <summary>
    /// The hits of a snapshot's page that are still live: a document deleted (a candidate erased) after the first
    /// page is not shown, and its place stays empty rather than shifting later hits. Replaced documents stay, as
    /// the snapshot ranked them.
    /// </summary>
    private List<SearchHit> WithoutDeletedSince(string tenantId, List<SearchHit> hits)
    {
        var current = _searchers.Acquire();
        try
        {
            bool Live(DocumentKind kind, Guid id) =>
                current.Search(new TermQuery(new Term(LuceneFields.Key, LuceneFields.KeyOf(tenantId, kind, id))), 1).TotalHits > 0;
            return hits.Where(h => Live(h.Kind, h.Id))
                .Select(h => h.Duplicates.Count == 0 ? h : h with { Duplicates = [.. h.Duplicates.Where(d => Live(h.Kind, d))] })
                .ToList();
        }
        finally
        {
            _searchers.Release(current);
        }
    }

    /// <summary>A ranked hit's duplicate group from the doc values (no stored fields loaded); null: alone.</summary>
    private static Func<(int Doc, double Score), Guid?> GroupReader(IndexSearcher searcher)
    {
        var values = MultiDocValues.GetSortedValues(searcher.IndexReader, LuceneFields.GroupValues);
        var bytes = new BytesRef();
        return r =>
        {
            if (values is null || values.GetOrd(r.Doc) < 0)
            {
                return null;
            }

            values.Get(r.Doc, bytes);
            return Guid.Parse(bytes.Utf8ToString());
        };
    }

    /// <summary>The collector of the lexical list: by score, or by the sort's fields (scores still computed for the hits).</summary>
    private static (ICollector Collector, Func<TopDocs> TopDocs) TopCollector(SearchSort sort, int depth)
    {
        if (LuceneQueryBuilder.SortOf(sort) is { } order)
        {
            var sorted = TopFieldCollector.Create(order, depth, fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
            return (sorted, () => sorted.GetTopDocs());
        }

        var scored = TopScoreDocCollector.Create(depth, docsScoredInOrder: false);
        return (scored, () => scored.GetTopDocs());
    }

    /// <summary>Saves the vector files now (they are otherwise saved every
    /// <see cref="VectorIndexOptions.SaveEveryWrites"/> documents written, and on disposal). Saving only
    /// shortens the next start-up: what Lucene committed is durable without it.</summary>
    public void Checkpoint()
    {
        lock (_writeLock)
        {
            _vectors.Save();
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
            _vectors.Dispose(); // saves the vector files first
            _views.Dispose();
            _searchers.Dispose();
            _writer.Dispose();
            _analyzer.Dispose();
            _directory.Dispose();
        }
    }

    /// <summary>Vector labels of the documents these profiles replace (removed from the graph after the commit).</summary>
    private List<(string TenantKind, ulong Label)> ExistingLabels(string tenantId, IEnumerable<IndexedProfile> profiles)
    {
        var result = new List<(string, ulong)>();
        foreach (var profile in profiles)
        {
            if (_vectors.Contains(LuceneFields.TenantKindOf(tenantId, profile.Kind))
                && FindLive(new Term(LuceneFields.Key, LuceneFields.KeyOf(tenantId, profile.Kind, profile.Id)), out var label, out _) && label != 0)
            {
                result.Add((LuceneFields.TenantKindOf(tenantId, profile.Kind), label));
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
            label = (ulong)(leaf.AtomicReader.GetNumericDocValues(LuceneFields.Label)?.Get(docId - leaf.DocBase) ?? 0);
            revision = leaf.AtomicReader.GetNumericDocValues(LuceneFields.Revision)?.Get(docId - leaf.DocBase) ?? 0;
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
}
