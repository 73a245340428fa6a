using System.Text;
using System.Text.Json;

namespace TalentMatch.Core.Documents.Tests;

public class JobDescriptionParserTests
{
    [Theory]
    [InlineData("算法工程师 30-60K·15薪", 30000, 60000, "CNY", SalaryPeriod.Month, 15)]
    [InlineData("大模型工程师 50-80K", 50000, 80000, "CNY", SalaryPeriod.Month, null)]
    [InlineData("研究员 年薪 40-60万", 400000, 600000, "CNY", SalaryPeriod.Year, null)]
    [InlineData("Senior ML Engineer | $180,000–$220,000", 180000, 220000, "USD", SalaryPeriod.Year, null)]
    [InlineData("Applied Scientist, Berlin, €70k", 70000, 70000, "EUR", SalaryPeriod.Year, null)]
    [InlineData("Backend Engineer | $170-225K + equity", 170000, 225000, "USD", SalaryPeriod.Year, null)]
    [InlineData("Engineer | $260K - $300K + 0.3-0.41% Equity", 260000, 300000, "USD", SalaryPeriod.Year, null)]
    [InlineData("Contract Data Engineer, $85/hr", 85, 85, "USD", SalaryPeriod.Hour, null)]
    [InlineData("ML Engineer, £6,000 - £7,500 per month", 6000, 7500, "GBP", SalaryPeriod.Month, null)]
    [InlineData("Data Scientist | 150-250k+ + benefits", 150000, 250000, null, SalaryPeriod.Year, null)]
    public void Salary_ranges_are_read_with_currency_and_period(string text, int min, int max, string? currency, SalaryPeriod period, int? months)
    {
        var salary = JobDescriptionParser.Parse(text, TestContext.Current.CancellationToken).Salary;

        Assert.Equal(new SalaryRange(min, max, currency, period, months), salary);
    }

    [Theory]
    [InlineData("We build a $200B+ company and raised $71mil. Engineer wanted.")]
    [InlineData("Software Engineer. We have 2019-2021 data and 0.3-0.41% equity.")]
    [InlineData("Engineer: 3-5 years of experience")]
    public void Funding_years_and_percentages_are_not_salaries(string text)
    {
        Assert.Null(JobDescriptionParser.Parse(text, TestContext.Current.CancellationToken).Salary);
    }

    [Fact]
    public void Fifteen_month_chinese_pay_gives_the_yearly_figure()
    {
        var salary = JobDescriptionParser.Parse("算法工程师 30-60K·15薪", TestContext.Current.CancellationToken).Salary!;
        Assert.Equal((450000m, 900000m), (salary.AnnualMin, salary.AnnualMax));
    }

    [Fact]
    public void A_chinese_job_ad_splits_responsibilities_requirements_and_pluses()
    {
        var text = "大模型推理工程师 40-70K·14薪\n岗位职责：\n1. 负责大模型推理框架的性能优化；\n2. 设计高并发服务。\n任职要求：\n1. 3年以上深度学习相关工作经验；\n2. 熟悉PyTorch、vLLM；\n3. 有CUDA开发经验者优先。";

        var jd = JobDescriptionParser.Parse(text, TestContext.Current.CancellationToken);

        Assert.Equal("zh", jd.Language);
        Assert.Equal("大模型推理工程师", jd.Title);
        Assert.Equal(new SalaryRange(40000, 70000, "CNY", SalaryPeriod.Month, 14), jd.Salary);
        Assert.Equal(["负责大模型推理框架的性能优化；", "设计高并发服务。"], jd.Responsibilities);
        Assert.Equal(["3年以上深度学习相关工作经验；", "熟悉PyTorch、vLLM；"], jd.Requirements);
        Assert.Equal(["有CUDA开发经验者优先。"], jd.NiceToHaves);
        Assert.Equal(new YearsRange(3, null), jd.YearsOfExperienceRequired);
    }

    [Fact]
    public void An_english_job_ad_yields_title_seniority_years_type_and_sections()
    {
        var text = """
            Senior Machine Learning Engineer
            Location: Austin, TX
            Hybrid, full-time
            Responsibilities:
            • Train and serve ranking models
            • Own the feature store
            Requirements:
            • 5-7 years of experience in applied ML
            • Python and PyTorch
            Nice to have:
            • Experience with Ray
            """;

        var jd = JobDescriptionParser.Parse(text, TestContext.Current.CancellationToken);

        Assert.Equal("Senior Machine Learning Engineer", jd.Title);
        Assert.Equal(Seniority.Senior, jd.Seniority);
        Assert.Equal("Austin, TX", jd.Location);
        Assert.Equal(WorkArrangement.Hybrid, jd.WorkArrangement);
        Assert.Equal(EmploymentType.FullTime, jd.EmploymentType);
        Assert.Equal(new YearsRange(5, 7), jd.YearsOfExperienceRequired);
        Assert.Equal(["Train and serve ranking models", "Own the feature store"], jd.Responsibilities);
        Assert.Equal(["5-7 years of experience in applied ML", "Python and PyTorch"], jd.Requirements);
        Assert.Equal(["Experience with Ray"], jd.NiceToHaves);
    }

    [Fact]
    public void Text_that_advertises_no_role_is_not_a_job_posting()
    {
        var jd = JobDescriptionParser.Parse("Great thread! Looking forward to seeing the opportunities.", TestContext.Current.CancellationToken);
        Assert.False(jd.IsJobPosting);
        Assert.Empty(jd.Roles);
        Assert.Null(jd.Salary);
    }

    [Fact]
    public void Empty_text_is_refused_rather_than_parsed_into_an_empty_profile()
    {
        Assert.Throws<ArgumentException>(() => JobDescriptionParser.Parse("  \n ", TestContext.Current.CancellationToken));
    }

    /// <summary>The HN "Who is hiring" cases with expected fields, read through the same path as uploads (HTML bytes).</summary>
    [Fact]
    public void The_hacker_news_cases_get_their_expected_salary_remote_and_role_count()
    {
        using var json = JsonDocument.Parse(SharedData.Bytes("hn_whoishiring_parse_cases_en", "eval_cases.json"));
        var failures = new List<string>();
        foreach (var testCase in json.RootElement.GetProperty("test_cases").EnumerateArray())
        {
            var name = testCase.GetProperty("name").GetString();
            var content = testCase.GetProperty("comment").GetProperty("content").GetString()!;
            var expected = testCase.GetProperty("expected");
            var read = DocumentReader.Read(Encoding.UTF8.GetBytes(content), null);
            if (expected.TryGetProperty("error", out _))
            {
                if (read is not DocumentRejection { Reason: RejectionReason.Empty }) failures.Add($"{name}: expected an Empty rejection, got {read}");
                continue;
            }
            var jd = JobDescriptionParser.Parse(Assert.IsType<ReadDocument>(read).Text, TestContext.Current.CancellationToken);
            failures.AddRange(HnExpectations.Check(expected, jd).Select(f => $"{name}: {f}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
