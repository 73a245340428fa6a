using System.Text;

namespace TalentMatch.Core.Documents.Tests;

/// <summary>The parsers check their caller's token line by line, and hostile text ends in a result, not a timeout.</summary>
public class BoundedParsingTests
{
    private static readonly DateOnly Reference = new(2025, 6, 1);

    private static string Resume(int jobs) => "Jane Doe\njane@example.com\nWORK EXPERIENCE\n"
        + string.Concat(Enumerable.Range(0, jobs).Select(i => $"Engineer, Acme {i}\nJan 2015 - Mar 2019\n• Built things\n"))
        + "EDUCATION\nB.Tech in IT, NIT Trichy, 2012\nLANGUAGES\nEnglish, Hindi\n";

    private static string JobAd(int items) => "Acme | Senior ML Engineer | Berlin | Remote | $170-225K\nRequirements:\n"
        + string.Concat(Enumerable.Range(0, items).Select(i => $"- {i % 9 + 1}+ years of PyTorch experience\n"));

    [Fact]
    public void A_cancelled_token_stops_both_parsers()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ResumeParser.Parse(Resume(3), Reference, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => JobDescriptionParser.Parse(JobAd(3), cancelled.Token));
    }

    [Fact]
    public void The_resume_parser_stops_at_the_step_where_its_budget_runs_out()
    {
        var text = Resume(2_000);
        var complete = new ReadProbe();
        using (var budget = new ReadBudget(DocumentLimits.Default, TestContext.Current.CancellationToken, null, complete))
        {
            Assert.Equal(2_000, ResumeParser.Parse(text, Reference, budget).WorkHistory.Count);
        }

        var half = complete.Steps / 2;
        var probe = new ReadProbe { ExpireAfterSteps = half };
        using var halfBudget = new ReadBudget(DocumentLimits.Default, TestContext.Current.CancellationToken, null, probe);

        Assert.ThrowsAny<OperationCanceledException>(() => ResumeParser.Parse(text, Reference, halfBudget));
        Assert.True(probe.CancellationObserved);
        Assert.Equal(half, probe.Steps);
    }

    [Fact]
    public void The_job_description_parser_stops_at_the_step_where_its_budget_runs_out()
    {
        var text = JobAd(5_000);
        var complete = new ReadProbe();
        using (var budget = new ReadBudget(DocumentLimits.Default, TestContext.Current.CancellationToken, null, complete))
        {
            Assert.Equal(5_000, JobDescriptionParser.Parse(text, budget).Requirements.Count);
        }

        var half = complete.Steps / 2;
        var probe = new ReadProbe { ExpireAfterSteps = half };
        using var halfBudget = new ReadBudget(DocumentLimits.Default, TestContext.Current.CancellationToken, null, probe);

        Assert.ThrowsAny<OperationCanceledException>(() => JobDescriptionParser.Parse(text, halfBudget));
        Assert.Equal(half, probe.Steps);
    }

    public static TheoryData<string, string> HostileTexts => new()
    {
        { "dated line then ideographic spaces", "Jane Doe\nWORK EXPERIENCE\n2019 - 2020 Engineer" + new string('\u3000', 200_000) + "Acme\n" },
        { "dated line then spaces", "Jane Doe\nWORK EXPERIENCE\n2019 - 2020 Engineer" + new string(' ', 200_000) + "Acme\n" },
        { "digits and commas", "Acme | Engineer | $" + new StringBuilder().Insert(0, "1,", 100_000) + "\nRequirements:\n- PyTorch\n" },
        { "digits", "Engineer " + new string('1', 200_000) + "K\n" },
        { "unclosed brackets", "Jane Doe\n" + new StringBuilder().Insert(0, "[a", 100_000) + "\n" },
        { "emails without domains", "Jane Doe\n" + new StringBuilder().Insert(0, "a@", 100_000) + "\n" },
        { "years without experience", "Jane Doe\n" + new StringBuilder().Insert(0, "1 years ", 25_000) + "\n" },
        { "bars in the first line", new StringBuilder().Insert(0, "Engineer | ", 20_000) + "\nRequirements:\n- PyTorch\n" },
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_text_is_parsed_without_a_pattern_timing_out(string kind, string text)
    {
        // A pattern that backtracked on these ran past its match timeout (RegexMatchTimeoutException).
        var resume = ResumeParser.Parse(text, Reference, TestContext.Current.CancellationToken);
        var job = JobDescriptionParser.Parse(text, TestContext.Current.CancellationToken);

        Assert.NotNull(resume.Contact);
        Assert.NotNull(job.Requirements);
        Assert.False(string.IsNullOrEmpty(kind));
    }
}
