using System.Text;

namespace TalentMatch.Core.Documents.Tests;

/// <summary>
/// ADR 0007: a read or parse is bounded in processor time as well as in wall time. Each step of the work is
/// made to burn a known amount of this thread's processor time, so the step at which the budget stops the
/// work follows from the budget, not from the machine's speed or load.
/// </summary>
public class ProcessorBudgetTests
{
    private static readonly TimeSpan PerStep = TimeSpan.FromMilliseconds(20);

    /// <summary>Spins until the calling thread has used <see cref="PerStep"/> more processor time.</summary>
    private static void Burn(long step)
    {
        var start = ThreadCpuClock.Now()!.Value;
        while (ThreadCpuClock.Now()!.Value - start < PerStep)
        {
        }
    }

    [Fact]
    public void The_platform_reports_this_threads_processor_time()
    {
        Assert.True(ThreadCpuClock.IsSupported);
        var before = ThreadCpuClock.Now()!.Value;
        Burn(0);
        Assert.InRange(ThreadCpuClock.Now()!.Value - before, PerStep, PerStep * 50);
    }

    [Fact]
    public async Task A_read_that_spends_its_processor_time_is_rejected_timed_out_and_its_work_stops()
    {
        // 2,000 lines of Markdown: a step a line. The wall budget is far away, so only processor time can stop it.
        var markdown = Encoding.UTF8.GetBytes("# Jane\n" + string.Concat(Enumerable.Range(0, 2_000).Select(i => $"- **item** {i}\n")));
        var limits = DocumentLimits.Default with { MaxProcessorTime = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromMinutes(10) };
        var probe = new ReadProbe { OnStep = Burn };

        var result = await DocumentReader.ReadCoreAsync(markdown, "cv.md", limits, probe, TestContext.Current.CancellationToken);

        var rejection = Assert.IsType<DocumentRejection>(result);
        Assert.Equal(RejectionReason.TimedOut, rejection.Reason);
        Assert.Contains("processor time", rejection.Detail, StringComparison.Ordinal);
        Assert.True(probe.Finished);
        Assert.True(probe.CancellationObserved);
        // 200 ms at 20 ms a step: the eleventh or twelfth step is past the budget (the first only sets the mark).
        Assert.InRange(probe.Steps, 11, 13);
        var steps = probe.Steps;
        await Task.Delay(250, TestContext.Current.CancellationToken);
        Assert.Equal(steps, probe.Steps);
    }

    [Fact]
    public void A_parse_that_spends_its_processor_time_throws_the_typed_exception()
    {
        var text = "Jane Doe\nWORK EXPERIENCE\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"Engineer, Acme {i}\nJan 2015 - Mar 2019\n"));
        var limits = DocumentLimits.Default with { MaxProcessorTime = TimeSpan.FromMilliseconds(100) };
        var probe = new ReadProbe { OnStep = Burn };
        using var budget = new ReadBudget(limits, TestContext.Current.CancellationToken, null, probe);

        var error = Assert.Throws<ProcessorTimeExceededException>(() => ResumeParser.Parse(text, new DateOnly(2025, 6, 1), budget));

        Assert.Equal(TimeSpan.FromMilliseconds(100), error.Limit);
        Assert.InRange(probe.Steps, 6, 8);
        Assert.InRange(budget.ProcessorTime, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(160));
    }

    [Fact]
    public async Task Without_a_processor_budget_the_same_read_completes()
    {
        var markdown = Encoding.UTF8.GetBytes("# Jane\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"- **item** {i}\n")));
        var limits = DocumentLimits.Default with { MaxProcessorTime = Timeout.InfiniteTimeSpan };

        var result = await DocumentReader.ReadCoreAsync(markdown, "cv.md", limits, new ReadProbe { OnStep = Burn }, TestContext.Current.CancellationToken);

        Assert.IsType<ReadDocument>(result);
    }
}
