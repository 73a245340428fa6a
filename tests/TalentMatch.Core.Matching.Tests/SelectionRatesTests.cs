using TalentMatch.Core.Matching.Fairness;

namespace TalentMatch.Core.Matching.Tests;

public sealed class SelectionRatesTests
{
    private static AssessedPerson Person(int i, double score, string? sex, string? race = null) =>
        new($"p{i:D3}", score, new Dictionary<string, string?> { ["sex"] = sex, ["raceEthnicity"] = race });

    [Fact]
    public void A_planted_disparity_is_found_with_rates_counts_and_the_four_fifths_flag()
    {
        // 50 women and 50 men; 30 women and 15 men score at least 0.6: rates 0.6 and 0.3, impact ratio 0.5 for men.
        var people = Enumerable.Range(0, 100)
            .Select(i => i < 50 ? Person(i, i < 30 ? 0.7 : 0.4, "female") : Person(i, i < 65 ? 0.7 : 0.4, "male"))
            .ToList();

        var report = SelectionRates.Compute(people, ["sex"], new Selection.AtLeast(0.6));

        Assert.Equal(100, report.Assessed);
        Assert.Equal(45, report.Selected);
        var sex = Assert.Single(report.Dimensions);
        var female = sex.Categories.Single(c => c.Category == "female");
        var male = sex.Categories.Single(c => c.Category == "male");
        Assert.Equal((50, 30, 0.6, 1.0, false), (female.Assessed, female.Selected, female.SelectionRate, female.ImpactRatio!.Value, female.BelowFourFifths));
        Assert.Equal((50, 15, 0.3, 0.5, true), (male.Assessed, male.Selected, male.SelectionRate, male.ImpactRatio!.Value, male.BelowFourFifths));
        Assert.Equal(0, sex.Unknown);
    }

    [Fact]
    public void Equal_rates_are_not_flagged_and_a_ratio_of_exactly_four_fifths_is_not_adverse()
    {
        // 10 of 20 against 8 of 20: 0.5 and 0.4, ratio 0.8 exactly.
        var people = Enumerable.Range(0, 40).Select(i => i < 20 ? Person(i, i < 10 ? 1 : 0, "a") : Person(i, i < 28 ? 1 : 0, "b")).ToList();

        var rates = SelectionRates.Compute(people, ["sex"], new Selection.AtLeast(0.5)).Dimensions[0].Categories;

        Assert.All(rates, c => Assert.False(c.BelowFourFifths));
        Assert.Equal(0.8, rates.Single(c => c.Category == "b").ImpactRatio);
    }

    [Fact]
    public void Unknown_categories_are_counted_apart_and_small_categories_are_reported_but_left_out_of_the_ratios()
    {
        // 99 known (60 a, 38 b, 1 c: 1 % of the known data) and 5 who declined.
        var people = Enumerable.Range(0, 99).Select(i => Person(i, i % 2, i < 60 ? "a" : i < 98 ? "b" : "c"))
            .Concat(Enumerable.Range(99, 5).Select(i => Person(i, 1, null)))
            .ToList();

        var sex = SelectionRates.Compute(people, ["sex"], new Selection.AtLeast(0.5)).Dimensions[0];

        Assert.Equal(5, sex.Unknown);
        var c = sex.Categories.Single(x => x.Category == "c");
        Assert.True(c.Excluded);
        Assert.Null(c.ImpactRatio);
        Assert.False(c.BelowFourFifths);
        Assert.Equal(1, c.Assessed);
        Assert.All(sex.Categories.Where(x => x.Category != "c"), x => Assert.NotNull(x.ImpactRatio));
    }

    [Fact]
    public void The_intersection_of_two_dimensions_has_its_own_rates()
    {
        // Women of group y are never selected; everyone else always is.
        var people = new List<AssessedPerson>();
        for (var i = 0; i < 80; i++)
        {
            var (sex, race) = (i % 2 == 0 ? "female" : "male", i % 4 < 2 ? "x" : "y");
            people.Add(Person(i, sex == "female" && race == "y" ? 0.1 : 0.9, sex, race));
        }

        var report = SelectionRates.Compute(people, ["sex", "raceEthnicity"], new Selection.AtLeast(0.5));

        Assert.Equal(["sex", "raceEthnicity", "sex × raceEthnicity"], report.Dimensions.Select(d => d.Dimension));
        var both = report.Dimensions[2].Categories;
        Assert.Equal(4, both.Count);
        var hit = both.Single(c => c.Category == "female × y");
        Assert.Equal((0.0, 0.0, true), (hit.SelectionRate, hit.ImpactRatio!.Value, hit.BelowFourFifths));
        Assert.All(both.Where(c => c != hit), c => Assert.Equal(1.0, c.ImpactRatio));
    }

    [Fact]
    public void The_median_rule_counts_scores_strictly_above_the_median_and_top_k_breaks_ties_by_id()
    {
        var people = new[] { Person(1, 0.1, "a"), Person(2, 0.2, "a"), Person(3, 0.3, "b"), Person(4, 0.4, "b") };

        var median = SelectionRates.Compute(people, ["sex"], new Selection.AboveMedian());
        Assert.Equal(2, median.Selected);
        Assert.Equal(0.0, median.Dimensions[0].Categories.Single(c => c.Category == "a").SelectionRate);

        var tied = new[] { Person(2, 0.5, "a"), Person(1, 0.5, "b"), Person(3, 0.1, "a") };
        var top = SelectionRates.Compute(tied, ["sex"], new Selection.Top(1));
        Assert.Equal(1.0, top.Dimensions[0].Categories.Single(c => c.Category == "b").SelectionRate);
    }

    [Fact]
    public void Top_k_ranks_each_list_on_its_own_when_a_report_spans_several_jobs()
    {
        // Job x's list scores low across the board and job y's high: the first of each list is selected, not the two
        // best scores overall (which are both y's).
        var people = new[]
        {
            Person(1, 0.30, "a") with { List = "x" }, Person(2, 0.20, "b") with { List = "x" },
            Person(3, 0.90, "b") with { List = "y" }, Person(4, 0.80, "a") with { List = "y" },
        };

        var top = SelectionRates.Compute(people, ["sex"], new Selection.Top(1));

        Assert.Equal(2, top.Selected);
        Assert.All(top.Dimensions[0].Categories, c => Assert.Equal(0.5, c.SelectionRate));
    }

    [Fact]
    public void Nobody_selected_gives_no_ratio_and_no_flag()
    {
        var people = Enumerable.Range(0, 10).Select(i => Person(i, 0.1, i < 5 ? "a" : "b")).ToList();

        var rates = SelectionRates.Compute(people, ["sex"], new Selection.AtLeast(0.9)).Dimensions[0].Categories;

        Assert.All(rates, c => Assert.Null(c.ImpactRatio));
        Assert.All(rates, c => Assert.False(c.BelowFourFifths));
    }
}
