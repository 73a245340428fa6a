using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>Collects the documents that pass a filter, as one bit set over the whole reader (global doc ids,
/// sized by the reader's <c>maxDoc</c>) and their count; filtered kNN checks neighbours against it.</summary>
internal sealed class FilteredDocsCollector(int maxDoc) : ICollector
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
