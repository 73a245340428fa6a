using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// The USearch side of the embedded engine: one <see cref="VectorIndex"/> per tenant and kind, keyed by
/// <see cref="LuceneFields.TenantKindOf"/>, in files under <paramref name="folder"/>, built with
/// <paramref name="options"/>. Hands out the labels that tie a graph entry to its Lucene document, saves the
/// files every <see cref="VectorIndexOptions.SaveEveryWrites"/> documents, and reconciles them with Lucene on
/// start-up. Lookups are thread-safe; labels, saves and disposal are called under the index's write lock.
/// </summary>
internal sealed class LuceneVectorStore(string folder, VectorIndexOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, VectorIndex> _vectors = new(StringComparer.Ordinal);
    private long _nextLabel;
    private int _writesSinceSave;

    public bool TryGet(string tenantKind, [MaybeNullWhen(false)] out VectorIndex index) => _vectors.TryGetValue(tenantKind, out index);

    public bool Contains(string tenantKind) => _vectors.ContainsKey(tenantKind);

    /// <summary>Vectors in the graph of one tenant and kind; 0 when it has none.</summary>
    public long Count(string tenantKind) => _vectors.TryGetValue(tenantKind, out var v) ? v.Count : 0;

    /// <summary>A fresh label (never 0: 0 marks a document without a vector).</summary>
    public ulong NextLabel() => (ulong)Interlocked.Increment(ref _nextLabel);

    public VectorIndex GetOrCreate(string tenantKind, int dimensions) =>
        _vectors.GetOrAdd(tenantKind, tk =>
        {
            var (tenant, kind) = LuceneFields.SplitTenantKind(tk);
            return VectorIndex.Create(Path.Combine(folder, VectorIndex.FileName(tenant, kind)), dimensions, options);
        });

    public void Remove(string tenantKind, ulong label)
    {
        if (_vectors.TryGetValue(tenantKind, out var index))
        {
            index.Remove(label);
        }
    }

    /// <summary>Counts documents written and saves the files once <see cref="VectorIndexOptions.SaveEveryWrites"/> have accumulated.</summary>
    public void Written(int documents)
    {
        _writesSinceSave += documents;
        if (_writesSinceSave >= options.SaveEveryWrites)
        {
            Save();
        }
    }

    public void Save()
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
    public void Reconcile(IndexReader committed)
    {
        var groups = new Dictionary<string, List<(ulong Label, AtomicReader Reader, int Doc)>>(StringComparer.Ordinal);
        long maxLabel = 0;
        foreach (var leaf in committed.Leaves)
        {
            var reader = leaf.AtomicReader;
            var labels = reader.GetNumericDocValues(LuceneFields.Label);
            var tenantKinds = reader.GetSortedDocValues(LuceneFields.TenantKind);
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
            var (tenant, kind) = LuceneFields.SplitTenantKind(tk);
            var path = Path.Combine(folder, VectorIndex.FileName(tenant, kind));
            var loaded = VectorIndex.TryLoad(path, options);
            if (loaded is not null && loaded.Count > entries.Count)
            {
                loaded.Dispose(); // holds vectors of deleted documents: rebuild
                loaded = null;
            }

            var missing = loaded is null ? entries : entries.Where(e => !loaded.Contains(e.Label)).ToList();
            var vectors = missing.Select(e => LuceneDocumentMapper.ReadVector(e.Reader, e.Doc)!).ToArray();
            var index = loaded ?? VectorIndex.Create(path, vectors[0].Length, options);
            if (loaded is not null && index.Count + missing.Count != entries.Count)
            {
                throw new InvalidDataException($"Vector file '{path}' does not match the Lucene index.");
            }

            index.AddMany([.. missing.Select(e => e.Label)], vectors);
            _vectors[tk] = index;
        }

        Save();
    }

    /// <summary>Saves the files, then frees the graphs.</summary>
    public void Dispose()
    {
        Save();
        foreach (var index in _vectors.Values)
        {
            index.Dispose();
        }
    }
}
