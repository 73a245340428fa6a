using Microsoft.AspNetCore.Builder;

namespace TalentMatch.Platform.Persistence;

/// <summary>
/// How durable an embedded (SQLite) commit is. With write-ahead logging, <c>synchronous=FULL</c> syncs the log to disk at
/// every commit: about 4 ms on the build machine, and each resume passes through a dozen commits (pipeline status,
/// matching's profile, insight facts, processed keys, the outbox), every one behind SQLite's single writer, the POSTs
/// that wait for it included (issue #22, docs/benchmarks.md "Ingestion end to end"). So:
/// <list type="bullet">
/// <item>A connection opened for an HTTP request commits with <c>FULL</c>: what the api answered a client (202 for a
/// submission or an erasure, a setting saved) survives a power loss, as before.</item>
/// <item>Every other connection (consumers, the outbox dispatcher, background sweeps) commits with <c>NORMAL</c>: the log
/// is synced at checkpoints and by the next <c>FULL</c> commit. A crash of the process loses nothing (the log is in the
/// operating system's cache). A power loss can lose the commits after the last synced one; the log is sequential, so what
/// survives is the database as it was at an earlier moment, the state a crash at that moment leaves, which the pipeline
/// recovers from like any crash (the outbox still holds what was to be published, processed keys say what was done).</item>
/// </list>
/// Server databases (PostgreSQL, SQL Server) keep their own durability settings; this is SQLite only.
/// </summary>
public static class SqliteCommitDurability
{
    private static readonly AsyncLocal<bool> InRequest = new();

    /// <summary>Whether connections opened in the current flow commit with <c>FULL</c>.</summary>
    public static bool Durable => InRequest.Value;

    /// <summary>
    /// Marks every HTTP request's flow as durable. An async delegate, so that the mark ends with the request (the execution
    /// context is restored when it returns) and never reaches background work.
    /// </summary>
    public static IApplicationBuilder UseDurableRequestCommits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            InRequest.Value = true;
            await next(context);
        });

    /// <summary>
    /// The pragmas a connection opened now runs. Besides the sync: a request's commit never checkpoints the log into the
    /// database file (<c>wal_autocheckpoint=0</c> on its connection; the setting is per connection). SQLite checkpoints
    /// in whichever commit finds more than 1,000 pages in the log, inside that commit's call: a submission that drew it
    /// wrote and synced the database file before it could answer (issue #22). Background connections keep SQLite's
    /// default (1,000 pages), and every submission is followed by the pipeline's commits, so the log is still
    /// checkpointed as often as before, by them.
    /// </summary>
    internal static string Pragma => Durable
        ? "PRAGMA synchronous=FULL;PRAGMA wal_autocheckpoint=0;"
        : "PRAGMA synchronous=NORMAL;PRAGMA wal_autocheckpoint=1000;";
}
