using System.Security.Cryptography;
using System.Text;
using Cloud.Unum.USearch;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>Approximate-kNN settings of the embedded engine (HNSW in USearch).</summary>
public sealed record VectorIndexOptions
{
    /// <summary>Distance of new graphs. Every vector is L2-normalised before it is added or searched, so the
    /// inner product ranks exactly as cosine does without dividing by two norms per comparison. A graph keeps the
    /// metric, scalar kind and connectivity it was built with (USearch writes them in the file's header), so a file
    /// built with other settings opens with its own.</summary>
    public MetricKind Metric { get; init; } = MetricKind.Ip;

    /// <summary>Edges per node (HNSW M).</summary>
    public int Connectivity { get; init; } = 16;

    /// <summary>Candidate list while inserting (efConstruction).</summary>
    public int ExpansionAdd { get; init; } = 128;

    /// <summary>Candidate list while searching (ef) in a graph of up to <see cref="ExpansionSearchBaseSize"/>
    /// vectors; raised to the number asked for when that is larger.</summary>
    public int ExpansionSearch { get; init; } = 96;

    /// <summary>Graph size up to which <see cref="ExpansionSearch"/> holds; above it ef grows with the square root
    /// of the size (recall@10 falls as a graph grows at a fixed ef: 0.996 at 100,000, 0.946 at 300,000).</summary>
    public long ExpansionSearchBaseSize { get; init; } = 100_000;

    /// <summary>
    /// The search expansion for a graph of <paramref name="size"/> vectors: <see cref="ExpansionSearch"/> up to
    /// <see cref="ExpansionSearchBaseSize"/>, then growing with the square root of the size (1,000,000: 3.2×).
    /// Applied by asking USearch for that many neighbours (its search walks max(ef, count) candidates), because the
    /// .NET binding sets ef only when an index is created, not on one loaded from a file (which gets USearch's default).
    /// </summary>
    public int ExpansionFor(long size) =>
        size <= ExpansionSearchBaseSize
            ? ExpansionSearch
            : (int)Math.Ceiling(ExpansionSearch * Math.Sqrt((double)size / ExpansionSearchBaseSize));

    /// <summary>How the graph holds vectors in memory and in its file. Float16 halves the graph's vector memory and
    /// took 24 % less CPU per inserted document than Float32 at 100,000 profiles (docs/benchmarks.md); the
    /// candidates of a search are re-scored from the float32 vectors Lucene keeps, so the ranking stays exact.</summary>
    public ScalarKind Quantization { get; init; } = ScalarKind.Float16;

    /// <summary>When a filtered kNN leaves at most this many documents, they are scored exactly (brute force)
    /// instead of over-fetching from the graph: exact is fast at that size, and a selective filter would
    /// otherwise starve the approximate search.</summary>
    public int ExactSearchThreshold { get; init; } = 20_000;

    /// <summary>Documents written between two saves of the vector files (disposal always saves). Only start-up
    /// time depends on it: at most this many vectors are re-added from Lucene after a crash.</summary>
    public int SaveEveryWrites { get; init; } = 20_000;
}

/// <summary>
/// One USearch index per tenant and kind (so a tenant's kNN never walks another tenant's graph and needs no
/// post-filter), keyed by a numeric label that the Lucene document of the profile also stores. The file is a
/// cache of what Lucene committed: on start-up it is reconciled against Lucene (missing labels added, a file
/// with extra labels rebuilt), so a kill -9 at any moment loses nothing that was committed.
/// Thread safety: searches share a read lock; adds, removes and saves take the write lock. USearch
/// also keeps a fixed number of per-thread search contexts, which its .NET binding cannot enlarge
/// (no reserve call), so at most <see cref="ConcurrentSearches"/> searches run at once; a search that
/// still finds no free context (an index loaded from file reserves fewer) is retried alone.
/// </summary>
internal sealed class VectorIndex : IDisposable
{
    private static readonly int ConcurrentSearches = Environment.ProcessorCount;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _searchContexts = new(ConcurrentSearches, ConcurrentSearches);
    private readonly USearchIndex _index;
    private readonly VectorIndexOptions _options;
    private bool _dirty;
    private bool _disposed;

    private VectorIndex(string path, USearchIndex index, int dimensions, VectorIndexOptions options)
    {
        Path = path;
        _index = index;
        Dimensions = dimensions;
        _options = options;
    }

    public string Path { get; }

    public int Dimensions { get; }

    public long Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return (long)_index.Size();
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public static string FileName(string tenantId, string kind) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenantId)))[..32] + "." + kind + ".usearch";

    public static VectorIndex Create(string path, int dimensions, VectorIndexOptions options) =>
        new(path, new USearchIndex(options.Metric, options.Quantization, (ulong)dimensions,
            (ulong)options.Connectivity, (ulong)options.ExpansionAdd, (ulong)options.ExpansionSearch), dimensions, options) { _dirty = true };

    /// <summary>Loads a saved file with the metric, scalar kind and connectivity written in it (whatever
    /// <paramref name="options"/> now say for new graphs); null when it is missing or unreadable (then it is rebuilt).</summary>
    public static VectorIndex? TryLoad(string path, VectorIndexOptions options)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var index = new USearchIndex(path);
            return new VectorIndex(path, index, (int)index.Dimensions(), options);
        }
        catch (USearchException)
        {
            return null;
        }
    }

    public bool Contains(ulong label)
    {
        _lock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _index.Contains(label);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Add(ulong label, float[] vector)
    {
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_index.Contains(label))
            {
                _index.Remove(label);
            }

            _index.Add(label, vector);
            _dirty = true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void AddMany(ulong[] labels, float[][] vectors)
    {
        if (labels.Length == 0)
        {
            return;
        }

        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _index.Add(labels, vectors);
            _dirty = true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Remove(ulong label)
    {
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_index.Contains(label))
            {
                _index.Remove(label);
                _dirty = true;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The nearest labels, nearest first, with distance 1 - cosine similarity (for normalised vectors the
    /// inner-product and cosine metrics give the same number): at least <paramref name="count"/> when the graph has
    /// them, and all that the search expansion walked (up to <see cref="VectorIndexOptions.ExpansionFor"/>), which a
    /// filtered search uses before it over-fetches.</summary>
    public (ulong[] Labels, float[] Distances) Search(float[] vector, int count)
    {
        _searchContexts.Wait();
        _lock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return SearchOnce(vector, count);
        }
        catch (USearchException)
        {
            _lock.ExitReadLock();
            _lock.EnterWriteLock(); // alone: every search context is free
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return SearchOnce(vector, count);
            }
            finally
            {
                _lock.ExitWriteLock();
                _lock.EnterReadLock();
            }
        }
        finally
        {
            _lock.ExitReadLock();
            _searchContexts.Release();
        }
    }

    private (ulong[] Labels, float[] Distances) SearchOnce(float[] vector, int count)
    {
        var found = _index.Search(vector, Math.Max(count, _options.ExpansionFor((long)_index.Size())), out var labels, out var distances);
        return found == labels.Length ? (labels, distances) : (labels[..found], distances[..found]);
    }

    /// <summary>Writes the file if it changed: to a temporary name first, then renamed over the old one,
    /// so a crash mid-save leaves the previous file (which start-up reconciles).</summary>
    public void Save()
    {
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_dirty)
            {
                return;
            }

            var temporary = Path + ".tmp";
            _index.Save(temporary);
            File.Move(temporary, Path, overwrite: true);
            _dirty = false;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Waits for searches and writes in flight (a consumer or request during host shutdown):
    /// freeing the native index under them would crash the process. The locks are left to the GC
    /// so that a late caller gets ObjectDisposedException instead.
    /// </summary>
    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _index.Dispose();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
