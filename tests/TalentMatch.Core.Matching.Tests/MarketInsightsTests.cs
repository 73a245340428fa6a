using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>The aggregation behind <c>talentmatch insights</c> and the insights service, on hand-made jobs.</summary>
public class MarketInsightsTests
{
    private static readonly SkillTaxonomy Taxonomy = SkillExtractor.Default.Taxonomy;
    private static readonly DateTimeOffset Posted = new(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);

    private static Compensation Monthly(decimal min, decimal max, int months = 12, string currency = "CNY") =>
        new(currency, "month", min, max, months, months != 12, min * months, max * months, (min + max) / 2 * months, (min + max) / 2);

    private static MarketJob Job(string id, string[] required, string[] preferred, Compensation? pay) =>
        new(id, required, preferred, "Shenzhen", "senior", null, pay, Open: true, Posted);

    [Fact]
    public void Fewer_than_five_figures_give_a_count_and_no_percentiles()
    {
        Assert.Equal(new Distribution(4, null, null, null), Distribution.Of([10_000m, 20_000m, 30_000m, 40_000m]));
        Assert.Equal(new Distribution(0, null, null, null), Distribution.Of([]));
    }

    [Fact]
    public void Quartiles_interpolate_between_ranks_and_round_to_whole_units()
    {
        Assert.Equal(new Distribution(5, 20_000m, 30_000m, 40_000m), Distribution.Of([50_000m, 10_000m, 30_000m, 20_000m, 40_000m]));
        // Six figures: rank 1.25 lies a quarter of the way from 20,000 to 30,000.
        Assert.Equal(new Distribution(6, 22_500m, 35_000m, 47_500m), Distribution.Of([10_000m, 20_000m, 30_000m, 40_000m, 50_000m, 60_000m]));
        Assert.Equal(new Distribution(5, 1m, 2m, 2m), Distribution.Of([0.4m, 1.4m, 1.6m, 2.4m, 3m]));
    }

    [Fact]
    public void Quartiles_are_the_same_for_figures_finer_than_hundredths_or_beyond_a_long()
    {
        // Sorted as whole hundredths where they are (the fast path), else as decimals: the same ranks either way.
        Assert.Equal(new Distribution(5, 2m, 3m, 4m), Distribution.Of([5.004m, 1.001m, 3.003m, 2.002m, 4.004m]));
        Assert.Equal(new Distribution(5, 2m, 3m, 4m), Distribution.Of([5.5m, 1.25m, 3m, 2.01m, 4m]));
        Assert.Equal(new Distribution(5, 2e20m, 3e20m, 4e20m), Distribution.Of([5e20m, 1e20m, 3e20m, 2e20m, 4e20m]));
        Assert.Equal(new Distribution(6, -7_500m, 5_000m, 17_500m), Distribution.Of([-50_000m, -10_000m, 0m, 10_000m, 30_000m, 20_000m]));

        // Random lists with whole, tenth, hundredth (and some finer) figures against interpolation over a plain sort.
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var figures = Enumerable.Range(0, random.Next(5, 60))
                .Select(_ => Math.Round((decimal)(random.NextDouble() * 200_000 - 20_000), random.Next(0, round % 10 == 0 ? 4 : 3)))
                .ToList();
            var sorted = figures.Order().ToArray();
            decimal At(decimal q)
            {
                var rank = q * (sorted.Length - 1);
                var below = (int)Math.Floor(rank);
                var above = Math.Min(below + 1, sorted.Length - 1);
                return Math.Round(sorted[below] + ((sorted[above] - sorted[below]) * (rank - below)), 0, MidpointRounding.AwayFromZero);
            }

            Assert.Equal(new Distribution(sorted.Length, At(0.25m), At(0.50m), At(0.75m)), Distribution.Of(figures));
        }
    }

    [Fact]
    public void Skills_count_jobs_asking_for_them_with_share_required_and_preferred()
    {
        MarketJob[] jobs =
        [
            Job("1", ["pytorch", "cuda"], [], null),
            Job("2", ["pytorch"], ["cuda"], null),
            Job("3", ["python"], ["pytorch"], null),
            Job("4", ["python"], [], null),
        ];

        var report = MarketInsights.Summarise(jobs, Taxonomy);

        Assert.Equal(4, report.Jobs);
        Assert.Equal(["pytorch", "cuda", "python"], report.Skills.Select(s => s.Id));
        var pytorch = report.Skills[0];
        Assert.Equal(("PyTorch", 3, 0.75, 2, 1), (pytorch.Name, pytorch.Jobs, pytorch.Share, pytorch.Required, pytorch.Preferred));
        Assert.Equal((2, 1, 1), (report.Skills[1].Jobs, report.Skills[1].Required, report.Skills[1].Preferred));
        Assert.Single(MarketInsights.Summarise(jobs, Taxonomy, maxSkills: 1).Skills);
    }

    [Fact]
    public void Pay_percentiles_come_from_posted_midpoints_and_need_five_jobs()
    {
        var jobs = Enumerable.Range(1, 5)
            .Select(i => Job($"{i}", ["pytorch"], [], Monthly(i * 10_000m, i * 10_000m + 10_000m, months: 15)))
            .Append(Job("6", ["jax"], [], Monthly(90_000m, 90_000m)))
            .Append(Job("7", ["jax"], [], new Compensation(null, null, null, null, Negotiable: true)))
            .ToList();

        var report = MarketInsights.Summarise(jobs, Taxonomy);

        Assert.Equal("CNY", report.Salary!.Currency);
        Assert.Equal(6, report.Salary.Jobs);
        Assert.Equal(new Distribution(6, 27_500m, 40_000m, 52_500m), report.Salary.Monthly);
        var pytorch = report.Skills.Single(s => s.Id == "pytorch").Salary;
        Assert.Equal(new Distribution(5, 25_000m, 35_000m, 45_000m), pytorch.Monthly);
        Assert.Equal(new Distribution(5, 375_000m, 525_000m, 675_000m), pytorch.Annual); // 15 months a year
        // Two jobs ask for JAX, one of them negotiable: a count, no median.
        Assert.Equal(new Distribution(1, null, null, null), report.Skills.Single(s => s.Id == "jax").Salary.Monthly);
    }

    [Fact]
    public void Mixed_currencies_are_reported_apart_and_never_added_up()
    {
        var jobs = Enumerable.Range(1, 6).Select(i => Job($"c{i}", ["pytorch"], [], Monthly(30_000m, 50_000m)))
            .Concat(Enumerable.Range(1, 5).Select(i => Job($"u{i}", ["pytorch"], [], new Compensation("USD", "year", 150_000m, 190_000m, AnnualMin: 150_000m, AnnualMax: 190_000m, AnnualMidpoint: 170_000m, MonthlyMidpoint: 170_000m / 12))))
            .ToList();

        var report = MarketInsights.Summarise(jobs, Taxonomy);

        Assert.Equal(("CNY", 6, 40_000m), (report.Salary!.Currency, report.Salary.Jobs, report.Salary.Monthly.P50));
        var usd = Assert.Single(report.OtherCurrencies);
        Assert.Equal(("USD", 5, 170_000m), (usd.Currency, usd.Jobs, usd.Annual.P50));
        Assert.Equal(40_000m, report.Skills.Single().Salary.Monthly.P50); // the main currency's jobs only
    }

    [Fact]
    public void Co_occurring_skills_are_ranked_by_lift_over_at_least_three_shared_jobs()
    {
        // 10 jobs: Python is everywhere, CUDA always comes with PyTorch, JAX with PyTorch only twice.
        var jobs = new List<MarketJob>();
        for (var i = 0; i < 4; i++) jobs.Add(Job($"t{i}", ["python", "pytorch", "cuda"], [], null));
        for (var i = 0; i < 2; i++) jobs.Add(Job($"j{i}", ["python", "pytorch", "jax"], [], null));
        for (var i = 0; i < 4; i++) jobs.Add(Job($"p{i}", ["python"], [], null));

        var pytorch = MarketInsights.Summarise(jobs, Taxonomy).Skills.Single(s => s.Id == "pytorch");

        // lift(PyTorch, CUDA) = 10·4 / (6·4) = 1.67; lift(PyTorch, Python) = 10·6 / (6·10) = 1: chance.
        Assert.Equal([new CoSkill("cuda", 1.67, 4), new CoSkill("python", 1, 6)], pytorch.With);
    }

    [Fact]
    public void A_job_read_from_text_asks_for_its_requirements_and_prefers_its_pluses()
    {
        var reading = ProfileFactory.Read("大模型推理工程师 40-70K·14薪\n任职要求：\n1. 熟悉PyTorch；\n2. 有CUDA开发经验者优先。", DocumentKind.Job, new DateOnly(2026, 12, 1), deadline: TestContext.Current.CancellationToken);

        var job = MarketJob.From("j", reading.Facts.Title, reading.Skills, reading.Facts, open: true, Posted);

        Assert.Contains("pytorch", job.Required);
        Assert.Contains("cuda", job.Preferred);
        Assert.Equal((14, 55_000m, 770_000m), (job.Pay!.MonthsPerYear, job.Pay.MonthlyMidpoint, job.Pay.AnnualMidpoint));
    }

    [Fact]
    public void Supply_compares_the_share_of_jobs_asking_with_the_share_of_candidates_having()
    {
        MarketJob[] jobs = [Job("1", ["pytorch", "cuda"], [], null), Job("2", ["pytorch"], [], null)];
        MarketCandidate[] candidates =
        [
            new("a", ["pytorch", "python"], 2),
            new("b", ["python"], 7),
            new("c", ["pytorch"], 5),
            new("d", ["python"], null),
        ];

        var supply = MarketSupply.Compare(jobs, candidates, Taxonomy);

        // PyTorch: every job asks (2/2), half the candidates have it (2/4): scarcity 2; median of 2 and 5 years.
        Assert.Equal(new SkillSupply("pytorch", "PyTorch", 2, 2, 2.0, 3.5), supply[0]);
        // CUDA: asked for, nobody has it: no ratio to give.
        Assert.Equal(new SkillSupply("cuda", "CUDA", 1, 0, null, null), supply[1]);
        Assert.Equal(2, supply.Count); // Python is had but not asked for
    }

    [Fact]
    public void The_trend_counts_jobs_per_month_posted_oldest_first()
    {
        MarketJob[] jobs =
        [
            Job("1", ["pytorch"], [], null) with { Posted = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) },
            Job("2", ["pytorch"], [], null) with { Posted = new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.FromHours(-2)) },
            Job("3", ["pytorch"], [], null),
        ];

        var pytorch = MarketInsights.Summarise(jobs, Taxonomy, trend: true).Skills.Single();

        Assert.Equal([new MonthDemand("2026-11", 2), new MonthDemand("2026-12", 1)], pytorch.Trend);
        Assert.Null(MarketInsights.Summarise(jobs, Taxonomy).Skills.Single().Trend);
    }
}
