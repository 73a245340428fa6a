using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// The filters of recent queries (tenant, kind, years, remote, skills…), each cached as one bit set per segment, the
/// way Lucene's <see cref="CachingWrapperFilter"/> and Elasticsearch's node query cache do it: a segment never
/// changes, so its bit set stays right until the segment is merged away (the cache is keyed by the segment's core
/// and goes with it); deletions are applied at search time from the segment's live documents. A new commit
/// therefore recomputes only the new segments. Without it every filtered query evaluated its filter over the
/// whole index, twice (for the BM25 list and for kNN): the cost that grew linearly with the index (benchmarks.md,
/// "Filtered hybrid + facets at a million profiles").
/// <para/>Bounded: at most <paramref name="capacity"/> distinct filters, least recently used dropped first; each
/// costs a bit per document of the segments it was used on (1,000,000 documents: 122 KiB). The key is the whole
/// filter query, tenant clause included, so one tenant's cached set never answers another's query.
/// </summary>
internal sealed class FilterCache(int capacity)
{
    private readonly Dictionary<Query, LinkedListNode<(Query Key, BitSetCachingFilter Filter)>> _entries = [];
    private readonly LinkedList<(Query Key, BitSetCachingFilter Filter)> _recency = new();
    private readonly System.Threading.Lock _lock = new();

    /// <summary>Filters held now (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The cached filter of <paramref name="filter"/> (a query whose equality is its meaning, as Lucene's are).</summary>
    public Filter For(Query filter)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(filter, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Filter;
            }

            var entry = _recency.AddFirst((filter, new BitSetCachingFilter(new QueryWrapperFilter(filter))));
            _entries[filter] = entry;
            if (_entries.Count > capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }

            return entry.Value.Filter;
        }
    }

    /// <summary>
    /// The documents of one segment that pass <paramref name="filter"/>, deletions not applied, with random access
    /// (kNN checks each neighbour the graph returns against it): the cached bit set when <paramref name="filter"/>
    /// came from this cache, else computed.
    /// </summary>
    public static IBits Passing(Filter filter, AtomicReaderContext segment)
    {
        var set = filter.GetDocIdSet(segment, acceptDocs: null);
        if (set?.Bits is { } bits)
        {
            return bits;
        }

        var computed = new FixedBitSet(Math.Max(1, segment.AtomicReader.MaxDoc));
        if (set?.GetIterator() is { } iterator)
        {
            computed.Or(iterator);
        }

        return computed;
    }

    /// <summary><see cref="CachingWrapperFilter"/> keeping a <see cref="FixedBitSet"/> (random access) rather than its
    /// default compressed set, which can only be iterated.</summary>
    private sealed class BitSetCachingFilter(Filter filter) : CachingWrapperFilter(filter)
    {
        protected override DocIdSet CacheImpl(DocIdSetIterator iterator, AtomicReader reader)
        {
            var bits = new FixedBitSet(Math.Max(1, reader.MaxDoc));
            bits.Or(iterator);
            return bits;
        }
    }
}
