using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace TalentMatch.Platform.Persistence;

/// <summary>
/// How a connection waits for SQLite's one writer: it retries every millisecond (an HTTP request) or every
/// <see cref="BackgroundIntervalMs"/> ms (the pipeline's consumers, the outbox, sweeps), for up to
/// <see cref="Timeout"/>, instead of SQLite's <c>busy_timeout</c> back-off.
/// </summary>
/// <remarks>
/// <para>Measured (issue #22, docs/benchmarks.md "Ingestion end to end", "What a POST waits for"): under 8 concurrent
/// posters while ingestion ran, a submission's <c>BEGIN IMMEDIATE</c> waited 3 ms at the median and 239 ms at the 95th
/// percentile, 97 % of the POST's p95, while the insert took 0.8 ms and the synced commit 17 ms. <c>busy_timeout</c>
/// sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 ms and then 100 ms between tries: the longer a writer has waited, the
/// longer it sleeps, so a newcomer takes the lock freed during that sleep and the oldest waiter waits longest. Rails does
/// the same for the same reason (rails/rails#51958, sqlite3-ruby's <c>busy_handler_timeout</c>: a fixed 1 ms retry).</para>
/// <para>A request retries more often than background work, so that when the writer is freed the submission that a client
/// is waiting for usually gets it first: accepting stays cheap, and the pipeline's work queues. The pipeline still gets
/// the writer between submissions (a request holds it for a few milliseconds), so it is slowed, not starved. Background
/// work on <c>busy_timeout</c> and only requests on this handler was tried and measured beside this, three pairs: POST
/// p95 224, 406 and 377 ms against 70, 67 and 78 ms; the resume rate and the processor time per resume went either way
/// (docs/benchmarks.md, "Ingestion end to end").</para>
/// <para>The handler is SQLite's own <c>sqlite3_busy_handler</c>, which SQLitePCLRaw does not expose: it is called in
/// the same native library (<c>e_sqlite3</c>, the one Microsoft.Data.Sqlite's bundle loads). Where it cannot be set,
/// the connection keeps <c>busy_timeout</c>. Past the timeout the statement fails busy and Microsoft.Data.Sqlite's own
/// retries (150 ms sleeps up to the command timeout) take over, as they did after <c>busy_timeout</c>.</para>
/// </remarks>
internal static unsafe partial class SqliteBusyWait
{
    /// <summary>How long a writer waits inside SQLite before the provider's own retries take over; as <c>busy_timeout</c> was.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Between two tries of background work. Requests try every millisecond.</summary>
    public const int BackgroundIntervalMs = 4;

    private static bool _unavailable;

    /// <summary>When the current thread's wait for the writer began (the handler runs on the thread that waits).</summary>
    [ThreadStatic]
    private static long _waitStarted;

    /// <summary>Sets the handler on <paramref name="connection"/> (open); false where it could not be set.</summary>
    public static bool Set(SqliteConnection connection, bool request)
    {
        if (_unavailable || connection.Handle is null)
        {
            return false;
        }

        try
        {
            return BusyHandler(connection.Handle.DangerousGetHandle(), &OnBusy, request ? 1 : BackgroundIntervalMs) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return false;
        }
    }

    /// <summary>SQLite calls this each time the writer is still taken; non-zero means "try again".</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBusy(nint intervalMs, int count)
    {
        var now = Stopwatch.GetTimestamp();
        if (count == 0)
        {
            _waitStarted = now;
        }
        else if (Stopwatch.GetElapsedTime(_waitStarted, now) >= Timeout)
        {
            return 0;
        }

        Thread.Sleep((int)intervalMs);
        return 1;
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_busy_handler")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    private static partial int BusyHandler(nint db, delegate* unmanaged[Cdecl]<nint, int, int> handler, nint intervalMs);
}
