using System.Diagnostics;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// The processor time the system's server processes used (all their threads, read from the operating system): what
/// ingestion cost the machine, which a shared, loaded machine changes far less than it changes wall time.
/// </summary>
internal sealed class ServerProcessorTime(IReadOnlyList<int> pids)
{
    public bool Any => pids.Count > 0;

    public TimeSpan Now() => pids.Aggregate(TimeSpan.Zero, (sum, pid) =>
    {
        using var process = Process.GetProcessById(pid);
        return sum + process.TotalProcessorTime;
    });

    /// <summary>
    /// Waits until the servers are idle (under a tenth of a core over a second, or 60 s at most) and returns their
    /// processor time then: work that follows a resume's indexing (proactive matching, notifications, insights) counts.
    /// </summary>
    public async Task<TimeSpan> WhenSettledAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var last = Now();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = Now();
            if (now - last < TimeSpan.FromMilliseconds(100))
            {
                return now;
            }

            last = now;
        }

        return last;
    }
}
