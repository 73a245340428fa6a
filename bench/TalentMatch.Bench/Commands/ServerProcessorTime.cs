using System.Diagnostics;
using System.Globalization;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// The processor time the system's processes used (all their threads, read from the operating system): what ingestion
/// cost the machine, which a shared, loaded machine changes far less than it changes wall time. The servers are given
/// by process id with a label (<c>api=123,worker1=456</c>); the infrastructure by process name (<c>postgres</c>,
/// <c>beam.smp</c>), every process of that name counted, since PostgreSQL runs one per connection.
/// </summary>
internal sealed class ServerProcessorTime(IReadOnlyList<(string Label, int Pid)> servers, IReadOnlyList<string> infrastructure)
{
    public bool Any => servers.Count > 0;

    /// <summary>The servers' labels (the infrastructure's are its process names).</summary>
    public IEnumerable<string> Labels => servers.Select(s => s.Label).Distinct();

    /// <summary><c>api=123,worker1=456</c> or plain ids (labelled by their id).</summary>
    public static IReadOnlyList<(string Label, int Pid)> ParseServers(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(entry =>
            entry.Split('=', 2) is [var label, var pid] ? (label, int.Parse(pid, CultureInfo.InvariantCulture)) : (entry, int.Parse(entry, CultureInfo.InvariantCulture)))];

    /// <summary>The servers' processor time, all together.</summary>
    public TimeSpan Now() => servers.Aggregate(TimeSpan.Zero, (sum, server) => sum + ProcessorTimeOf(server.Pid));

    /// <summary>Every watched process's processor time now, by id, with its label (a server's, or the infrastructure's name).</summary>
    public Dictionary<int, (string Label, TimeSpan Time)> Snapshot()
    {
        var snapshot = servers.ToDictionary(s => s.Pid, s => (s.Label, ProcessorTimeOf(s.Pid)));
        foreach (var name in infrastructure)
        {
            foreach (var process in Process.GetProcessesByName(name))
            {
                using (process)
                {
                    try
                    {
                        snapshot.TryAdd(process.Id, (name, process.TotalProcessorTime));
                    }
                    catch (InvalidOperationException)
                    {
                        // exited between the listing and the read
                    }
                }
            }
        }

        return snapshot;
    }

    /// <summary>
    /// Processor time per label between two snapshots. A process that started in between counts whole; one that exited in
    /// between is lost (PostgreSQL's pooled connections live through a run).
    /// </summary>
    public static Dictionary<string, TimeSpan> Between(Dictionary<int, (string Label, TimeSpan Time)> before, Dictionary<int, (string Label, TimeSpan Time)> after) =>
        after.GroupBy(p => p.Value.Label, p => p.Value.Time - (before.TryGetValue(p.Key, out var b) ? b.Time : TimeSpan.Zero))
            .ToDictionary(g => g.Key, g => g.Aggregate(TimeSpan.Zero, (sum, t) => sum + t));

    /// <summary>
    /// Waits until the servers are idle (under a tenth of a core over a second, or 60 s at most): work that follows a
    /// resume's indexing (proactive matching, notifications, insights) counts.
    /// </summary>
    public async Task WhenSettledAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var last = Now();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = Now();
            if (now - last < TimeSpan.FromMilliseconds(100))
            {
                return;
            }

            last = now;
        }
    }

    private static TimeSpan ProcessorTimeOf(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }
}
