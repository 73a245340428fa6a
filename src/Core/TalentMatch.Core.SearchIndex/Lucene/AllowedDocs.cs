using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// The live documents that pass a query's filter, per segment, and how many: what filtered kNN checks each
/// neighbour against and scores exactly when few. The segments' sets come from the filter (cached per segment by
/// <see cref="FilterCache"/>), so nothing is collected per query: the count is a population count of each set,
/// walked document by document only in segments that hold deletions.
/// </summary>
internal sealed class AllowedDocs
{
    private readonly IList<AtomicReaderContext> _leaves;
    private readonly IBits[] _passing;
    private readonly IBits?[] _live;

    private AllowedDocs(IList<AtomicReaderContext> leaves, Filter filter)
    {
        _leaves = leaves;
        _passing = new IBits[leaves.Count];
        _live = new IBits?[leaves.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            _passing[i] = FilterCache.Passing(filter, leaves[i]);
            _live[i] = leaves[i].AtomicReader.LiveDocs;
            Count += _live[i] is null && _passing[i] is FixedBitSet set ? set.Cardinality : DocsOf(i).Count();
        }
    }

    public int Count { get; }

    public static AllowedDocs Of(IList<AtomicReaderContext> leaves, Filter filter) => new(leaves, filter);

    /// <summary>Whether the document <paramref name="local"/> of segment <paramref name="leaf"/> (an index into the
    /// leaves) passes the filter; deletions are the caller's to check.</summary>
    public bool Passes(int leaf, int local) => _passing[leaf].Get(local);

    /// <summary>The allowed documents, global ids ascending.</summary>
    public IEnumerable<int> Docs()
    {
        for (var i = 0; i < _leaves.Count; i++)
        {
            foreach (var local in DocsOf(i))
            {
                yield return _leaves[i].DocBase + local;
            }
        }
    }

    private IEnumerable<int> DocsOf(int leaf)
    {
        var passing = _passing[leaf];
        var live = _live[leaf];
        if (passing is FixedBitSet set)
        {
            for (var doc = set.Length == 0 ? -1 : set.NextSetBit(0); doc >= 0; doc = doc + 1 < set.Length ? set.NextSetBit(doc + 1) : -1)
            {
                if (live is null || live.Get(doc))
                {
                    yield return doc;
                }
            }

            yield break;
        }

        for (var doc = 0; doc < passing.Length; doc++)
        {
            if (passing.Get(doc) && (live is null || live.Get(doc)))
            {
                yield return doc;
            }
        }
    }
}
