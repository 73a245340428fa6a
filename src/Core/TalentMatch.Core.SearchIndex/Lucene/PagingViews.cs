using Lucene.Net.Search;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// The snapshots of the index that paged searches continue on (Lucene's point in time): the first page of a
/// query that has more records the searcher it ranked on, its cursor carries that searcher's version, and later
/// pages rank on the same searcher, so documents written meanwhile neither enter nor shift the list (and BM25's
/// statistics, which new documents change, stay those of the first page). A snapshot is kept
/// <see cref="KeepAlive"/> after a newer one was recorded, at most <see cref="MaxViews"/> of them, and every one
/// is dropped when deleted documents are expunged: a snapshot holds its segment files open, and a deleted resume's
/// text must leave the disk (docs/privacy.md). A cursor whose snapshot is gone continues by offset on the current index.
/// </summary>
internal sealed class PagingViews : IDisposable
{
    /// <summary>How long a snapshot stays after a newer one replaced it: longer than a recruiter reads a page.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromMinutes(10);

    /// <summary>Each snapshot pins its segments (files and readers); under a stream of writes, the newest this many are kept.</summary>
    public const int MaxViews = 64;

    private readonly SearcherLifetimeManager _views = new();
    private readonly Lock _gate = new();
    private long _expunges;

    /// <summary>
    /// How many times every snapshot was dropped: read it before acquiring the searcher a first page ranks on, and pass
    /// it to <see cref="Record"/>.
    /// </summary>
    public long Expunges => Interlocked.Read(ref _expunges);

    /// <summary>
    /// Keeps <paramref name="searcher"/> for later pages and returns its version, for the cursor; prunes what has aged
    /// out. Null when deleted documents were expunged since <paramref name="expungesBefore"/> was read: the searcher
    /// may predate the expunge and hold an erased resume's segment files, which a snapshot would keep on disk.
    /// </summary>
    public long? Record(IndexSearcher searcher, long expungesBefore)
    {
        lock (_gate)
        {
            if (expungesBefore != _expunges)
            {
                return null;
            }

            var version = _views.Record(searcher);
            _views.Prune(new AgeOrCount(KeepAlive.TotalSeconds, MaxViews));
            return version;
        }
    }

    /// <summary>The snapshot a cursor names (release it with <see cref="Release"/>), or null when it was dropped.</summary>
    public IndexSearcher? Acquire(long version) => _views.Acquire(version);

    public void Release(IndexSearcher searcher) => _views.Release(searcher);

    /// <summary>
    /// Drops every snapshot (searches still running on one keep it until they finish), and refuses to record a searcher
    /// acquired before this call (<see cref="Record"/>).
    /// </summary>
    public void DropAll()
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _expunges);
            _views.Prune(new AgeOrCount(-1, 0));
        }
    }

    public void Dispose() => _views.Dispose();

    /// <summary>Called newest first: prunes past the first <paramref name="keep"/> snapshots or older than <paramref name="maxAgeSeconds"/>.</summary>
    private sealed class AgeOrCount(double maxAgeSeconds, int keep) : SearcherLifetimeManager.IPruner
    {
        private int _seen;

        public bool DoPrune(double ageSec, IndexSearcher searcher) => ++_seen > keep || ageSec > maxAgeSeconds;
    }
}
