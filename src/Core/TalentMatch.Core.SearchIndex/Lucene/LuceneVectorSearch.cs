using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// The vector half of a hybrid search: takes a normalised query vector and the query's filter and produces
/// the nearest live documents (global doc ids, nearest first), from the graphs of <paramref name="store"/> or,
/// when the filter leaves at most <paramref name="exactSearchThreshold"/> documents, exactly from the vectors
/// kept in Lucene; then <see cref="Fuse"/> merges that list with the BM25 list.
/// </summary>
internal sealed class LuceneVectorSearch(LuceneVectorStore store, int exactSearchThreshold)
{
    private readonly ConditionalWeakTable<object, Dictionary<long, int>> _labelMaps = new();

    /// <summary>
    /// kNN within the filter. A tenant larger than the exact-search threshold, without filters beyond tenant and
    /// kind, is answered by its own graph directly. Otherwise the filter's per-segment sets are taken (cached by
    /// <see cref="FilterCache"/>, not collected per query) and counted: small sets are scored exactly from the vectors
    /// in Lucene, large ones are searched in the graph with over-fetching until enough neighbours pass. Exact scoring reads only <paramref name="searcher"/>'s documents, so the pages of a
    /// query ranked on one snapshot (<see cref="PagingViews"/>) see the same list however the graph grows meanwhile.
    /// </summary>
    public List<int> Nearest(IndexSearcher searcher, string tenantId, DocumentKind kind, float[] vector, Filter scope, bool narrowed, int k)
    {
        if (!store.TryGet(LuceneFields.TenantKindOf(tenantId, kind), out var index))
        {
            return [];
        }

        if (vector.Length != index.Dimensions)
        {
            throw new ArgumentException($"The query vector has {vector.Length} dimensions; the index has {index.Dimensions}.", nameof(vector));
        }

        var leaves = searcher.IndexReader.Leaves;
        if (!narrowed && index.Count > exactSearchThreshold)
        {
            return Rescored(leaves, ResolveLabels(leaves, index.Search(vector, k).Labels, allowed: null), vector, k);
        }

        var allowed = AllowedDocs.Of(leaves, scope);
        if (allowed.Count <= exactSearchThreshold)
        {
            return ExactTop(leaves, allowed.Docs(), vector, k);
        }

        var size = index.Count;
        for (var fetch = k * 4; ; fetch *= 4)
        {
            var result = ResolveLabels(leaves, index.Search(vector, (int)Math.Min(fetch, size)).Labels, allowed);
            if (result.Count >= k || fetch >= size)
            {
                return Rescored(leaves, result, vector, k);
            }
        }
    }

    /// <summary>
    /// Hybrid ranking (ADR 0003): reciprocal rank fusion of the BM25 list and the kNN list when there are
    /// both; the kNN list alone scored by rank; else the BM25 list with its scores. The total counts the
    /// lexical matches plus the neighbours outside them, or the filtered set when the vector ranks alone.
    /// </summary>
    public static (List<(int Doc, double Score)> Ranked, long Total) Fuse(ScoreDoc[]? lexical, long lexicalTotal, List<int>? nearest, long filteredTotal)
    {
        if (lexical is not null && nearest is not null)
        {
            var lexicalDocs = lexical.Select(d => d.Doc).ToList();
            var fused = ReciprocalRankFusion.Fuse<int>(lexicalDocs, nearest);
            var inLexical = lexicalDocs.ToHashSet();
            return (fused, lexicalTotal + nearest.Count(d => !inLexical.Contains(d)));
        }

        if (nearest is not null)
        {
            return ([.. nearest.Select((d, i) => (d, 1.0 / (ReciprocalRankFusion.K + i + 1)))], filteredTotal);
        }

        return ([.. lexical!.Select(d => (d.Doc, (double)d.Score))], lexicalTotal);
    }

    /// <summary>
    /// The graph's candidates (more than k: all that its search expansion walked) scored again exactly from the
    /// float32 vectors kept in Lucene, best k kept: a graph holding float16 vectors, or one whose approximate order
    /// differs near ties, then ranks its candidates as exact search would.
    /// </summary>
    private static List<int> Rescored(IList<AtomicReaderContext> leaves, List<int> candidates, float[] vector, int k)
    {
        candidates.Sort();
        return ExactTop(leaves, candidates, vector, k);
    }

    /// <summary>The k documents most similar to <paramref name="vector"/> among <paramref name="docs"/> (global ids,
    /// ascending), by the dot product of the normalised vectors stored in Lucene; most similar first.</summary>
    private static List<int> ExactTop(IList<AtomicReaderContext> leaves, IEnumerable<int> docs, float[] vector, int k)
    {
        var heap = new PriorityQueue<int, float>(k + 1);
        var bytes = new BytesRef();
        var candidate = new float[vector.Length];
        var leafIndex = -1;
        AtomicReaderContext? leaf = null;
        BinaryDocValues? values = null;
        foreach (var doc in docs)
        {
            while (leaf is null || doc >= leaf.DocBase + leaf.AtomicReader.MaxDoc)
            {
                leaf = leaves[++leafIndex];
                values = leaf.AtomicReader.GetBinaryDocValues(LuceneFields.Vector);
            }

            if (values is null)
            {
                continue;
            }

            values.Get(doc - leaf.DocBase, bytes);
            if (bytes.Length != vector.Length * sizeof(float))
            {
                continue; // no vector
            }

            MemoryMarshal.Cast<byte, float>(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length)).CopyTo(candidate);
            heap.Enqueue(doc, Vectors.Dot(vector, candidate));
            if (heap.Count > k)
            {
                heap.Dequeue();
            }
        }

        var result = new int[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = heap.Dequeue();
        }

        return [.. result];
    }

    /// <summary>Labels → live documents (in <paramref name="allowed"/> when given), in order; labels of deleted or replaced documents drop out.</summary>
    private List<int> ResolveLabels(IList<AtomicReaderContext> leaves, ulong[] labels, AllowedDocs? allowed)
    {
        var maps = leaves.Select(l => (Leaf: l, Map: LabelMap(l.AtomicReader), Live: l.AtomicReader.LiveDocs)).ToList();
        var result = new List<int>(labels.Length);
        foreach (var label in labels)
        {
            for (var i = 0; i < maps.Count; i++)
            {
                var (leaf, map, live) = maps[i];
                if (map.TryGetValue((long)label, out var local) && (live is null || live.Get(local)))
                {
                    if (allowed is null || allowed.Passes(i, local))
                    {
                        result.Add(leaf.DocBase + local);
                    }

                    break;
                }
            }
        }

        return result;
    }

    /// <summary>Label → local doc id of one segment, built once per segment (segments never change; deletions are checked separately).</summary>
    private Dictionary<long, int> LabelMap(AtomicReader reader) => _labelMaps.GetValue(reader.CoreCacheKey, _ =>
    {
        var labels = reader.GetNumericDocValues(LuceneFields.Label);
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
}
