using System.Runtime.ExceptionServices;
using TalentMatch.Platform.Messaging;

namespace TalentMatch.Modules.Api.Persistence;

/// <summary>
/// Commits resume submissions that arrive together in one transaction (group commit): one synced commit answers all
/// of them. The first submission to find no commit under way leads: it commits everything queued by then, itself
/// included, in its own request's flow (so with <c>synchronous=FULL</c> on SQLite: every 202 still means "on disk"),
/// then hands the lead to the first submission that queued meanwhile and answers. Nobody leads twice in a row, so no
/// request waits for more than the commit under way and its own.
/// </summary>
/// <remarks>
/// Why (issue #22, docs/benchmarks.md "Ingestion end to end", "What a POST waits for"): with 8 concurrent posters the
/// submissions queued behind one another for SQLite's one writer. Each held it for its own synced commit (2.8 ms
/// median, 12 ms p95 while ingestion ran): the writer was taken 77 % of the posting time, 91 % of it by submissions, and
/// a POST's p95 was its wait for the others. A batch holds the writer for one sync instead of one per submission.
/// <para>A batch commits or fails as a whole: a failure (the database unreachable, the disk full) fails every
/// submission in it, each with the same error, as each would have failed alone. Rows of one batch may belong to
/// different tenants; each row carries its own tenant, set by its own request.</para>
/// </remarks>
public sealed class SubmissionGroupCommit
{
    private readonly Lock _lock = new();
    private readonly List<Pending> _queue = [];
    private bool _committing;

    /// <summary>Commits <paramref name="candidate"/> and its pipeline event; returns when they are committed.</summary>
    /// <param name="db">The caller's own context: used if the caller leads, never saved otherwise.</param>
    public async Task CommitAsync(ApiDbContext db, Candidate candidate, OutboxMessage submitted)
    {
        var me = new Pending(candidate, submitted);
        bool lead;
        lock (_lock)
        {
            _queue.Add(me);
            lead = !_committing;
            _committing = true;
        }

        // Not cancellable: others' rows may be in the commit. It takes as long as one commit and the one under way.
        if (!lead && !await me.Turn.Task)
        {
            me.Failure?.Throw();
            return;
        }

        List<Pending> batch;
        lock (_lock)
        {
            batch = [.. _queue];
            _queue.Clear();
        }

        ExceptionDispatchInfo? failure = null;
        try
        {
            foreach (var pending in batch)
            {
                db.Candidates.Add(pending.Candidate);
                db.Outbox.Add(pending.Submitted);
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }

        Pending? next = null;
        lock (_lock)
        {
            if (_queue.Count > 0)
            {
                next = _queue[0];
            }
            else
            {
                _committing = false;
            }
        }

        foreach (var pending in batch.Where(p => p != me))
        {
            pending.Failure = failure;
            pending.Turn.TrySetResult(false);
        }

        next?.Turn.TrySetResult(true);
        failure?.Throw();
    }

    private sealed class Pending(Candidate candidate, OutboxMessage submitted)
    {
        public Candidate Candidate { get; } = candidate;

        public OutboxMessage Submitted { get; } = submitted;

        /// <summary>True: lead the next batch; false: a leader committed this one (or failed: <see cref="Failure"/>).</summary>
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ExceptionDispatchInfo? Failure { get; set; }
    }
}
