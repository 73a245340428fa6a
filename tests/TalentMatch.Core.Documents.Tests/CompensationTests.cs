namespace TalentMatch.Core.Documents.Tests;

/// <summary>Every pay form issue #19 names, with the stated defaults (12 months a year, no annual figure for day rates).</summary>
public class CompensationTests
{
    private static ParsedJobDescription Parse(string text) => JobDescriptionParser.Parse(text, TestContext.Current.CancellationToken);

    [Fact]
    public void Fifteen_month_pay_annualises_over_fifteen_months()
    {
        var salary = Parse("算法工程师 30-60K·15薪\n任职要求：熟悉PyTorch").Salary!;

        Assert.Equal(new SalaryRange(30_000, 60_000, "CNY", SalaryPeriod.Month, 15), salary);
        Assert.Equal(15, salary.MonthsPaid);
        Assert.Equal((450_000m, 900_000m, 675_000m), (salary.AnnualMin, salary.AnnualMax, salary.AnnualMidpoint));
        Assert.Equal(45_000m, salary.MonthlyMidpoint);
    }

    [Fact]
    public void Monthly_pay_without_a_month_count_is_paid_twelve_times()
    {
        var salary = Parse("NLP算法工程师 20-40K").Salary!;

        Assert.Null(salary.MonthsPerYear);
        Assert.Equal(SalaryRange.DefaultMonthsPerYear, salary.MonthsPaid);
        Assert.Equal((240_000m, 480_000m, 360_000m), (salary.AnnualMin, salary.AnnualMax, salary.AnnualMidpoint));
    }

    [Fact]
    public void Ten_thousands_with_decimals_are_monthly_yuan()
    {
        var salary = Parse("数据标注工程师 1.5-2.5万").Salary!;

        Assert.Equal(new SalaryRange(15_000, 25_000, "CNY", SalaryPeriod.Month, null), salary);
        Assert.Equal(20_000m, salary.MonthlyMidpoint);
        Assert.Equal(240_000m, salary.AnnualMidpoint);
    }

    [Theory]
    [InlineData("算法实习生 200-400元/天", 200, 400, SalaryPeriod.Day)]
    [InlineData("标注实习生 150元/天", 150, 150, SalaryPeriod.Day)]
    [InlineData("兼职讲师 300-500元/小时", 300, 500, SalaryPeriod.Hour)]
    [InlineData("运营助理 6000-8000元/月", 6_000, 8_000, SalaryPeriod.Month)]
    public void Yuan_rates_keep_their_period(string text, int min, int max, SalaryPeriod period)
    {
        var salary = Parse(text).Salary!;

        Assert.Equal(new SalaryRange(min, max, "CNY", period, null), salary);
    }

    [Fact]
    public void Day_rates_have_no_annual_or_monthly_figure()
    {
        var salary = Parse("算法实习生 200-400元/天").Salary!;

        Assert.Equal(300m, salary.Midpoint);
        Assert.Null(salary.MonthsPaid);
        Assert.Equal((null, null, null, null), (salary.AnnualMin, salary.AnnualMax, salary.AnnualMidpoint, salary.MonthlyMidpoint));
    }

    [Fact]
    public void Dollar_thousands_with_an_en_dash_are_yearly()
    {
        var salary = Parse("Staff ML Engineer | Remote (US) | $150k–$190k").Salary!;

        Assert.Equal(new SalaryRange(150_000, 190_000, "USD", SalaryPeriod.Year, null), salary);
        Assert.Equal(170_000m, salary.AnnualMidpoint);
        Assert.Equal(170_000m / 12, salary.MonthlyMidpoint);
        Assert.Null(salary.MonthsPaid);
    }

    [Fact]
    public void Yearly_ten_thousands_are_not_multiplied_by_months()
    {
        var salary = Parse("研究员 年薪 40-60万").Salary!;

        Assert.Equal((400_000m, 600_000m, 500_000m), (salary.AnnualMin, salary.AnnualMax, salary.AnnualMidpoint));
    }

    [Theory]
    [InlineData("AI产品经理 面议\n岗位职责：负责大模型产品规划")]
    [InlineData("AI产品经理 薪资面议")]
    [InlineData("ML Engineer, Berlin. Salary negotiable. Requirements: PyTorch")]
    public void Negotiable_pay_has_no_amount(string text)
    {
        var jd = Parse(text);

        Assert.Null(jd.Salary);
        Assert.True(jd.SalaryNegotiable);
    }

    [Fact]
    public void A_stated_range_wins_over_negotiable_elsewhere()
    {
        var jd = Parse("算法工程师 30-50K\n福利：年终奖面议");

        Assert.NotNull(jd.Salary);
        Assert.False(jd.SalaryNegotiable);
    }

    [Fact]
    public void A_crawled_ads_url_is_not_read_as_pay()
    {
        var jd = Parse("URL Source: https://www.zhipin.com/job_detail/x.html?lid=1WDRceOcLYk.search.32\n\n端到端算法工程师 50-80K·15薪");

        Assert.Equal(new SalaryRange(50_000, 80_000, "CNY", SalaryPeriod.Month, 15), jd.Salary);
    }

    [Theory]
    [InlineData("URL: https://www.zhipin.com/x?securityId=mhxeB-4W1i6\n\n高级NLP算法 等 20-40K·13薪", 20_000, 40_000, 13)]
    [InlineData("公司拥有超 13 万平方米的仓储基地。\n算法工程师 月薪2万", 20_000, 20_000, null)]
    public void Numbers_that_are_not_pay_are_passed_over(string text, int min, int max, int? months)
    {
        Assert.Equal(new SalaryRange(min, max, "CNY", SalaryPeriod.Month, months), Parse(text).Salary);
    }

    [Theory]
    [InlineData("ML Engineer. Working hours are negotiable.")]
    [InlineData("算法工程师 负责模型训练")]
    public void No_pay_and_no_negotiable_word_is_neither(string text)
    {
        var jd = Parse(text);

        Assert.Null(jd.Salary);
        Assert.False(jd.SalaryNegotiable);
    }
}
