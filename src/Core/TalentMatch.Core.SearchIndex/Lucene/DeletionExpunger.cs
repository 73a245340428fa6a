using System.Diagnostics;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// Rewrites the segments that hold deleted documents, so that a deleted resume's text leaves the
/// index files, while bounding what deletes cost. A Lucene delete only marks a document; its text
/// stays in the segment until a merge rewrites it. Rewriting on every delete would let one tenant
/// deleting many documents keep the machine busy copying large segments; here every delete waits
/// for the next expunge that starts after it, expunges run one at a time, at least
/// <c>minimumGap</c> apart, and all deletes that arrived meanwhile share one rewrite.
/// </summary>
internal sealed class DeletionExpunger(Action expunge, TimeSpan minimumGap)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _next;
    private Task _running = Task.CompletedTask;
    private long _lastFinished = Stopwatch.GetTimestamp() - (long)(minimumGap.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Completes when an expunge that started after this call has finished (faults if it failed).</summary>
    public Task ExpungeAsync()
    {
        lock (_gate)
        {
            if (_next is null)
            {
                var waiters = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _next = waiters;
                var previous = _running;
                _running = Task.Run(() => RunAfterAsync(previous, waiters));
            }

            return _next.Task;
        }
    }

    private async Task RunAfterAsync(Task previous, TaskCompletionSource waiters)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var wait = minimumGap - Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastFinished));
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        lock (_gate)
        {
            _next = null; // a delete from now on may not be covered by this run: it waits for the next
        }

        try
        {
            expunge();
            waiters.SetResult();
        }
        catch (Exception e)
        {
            waiters.SetException(e);
        }
        finally
        {
            Interlocked.Exchange(ref _lastFinished, Stopwatch.GetTimestamp());
        }
    }
}
