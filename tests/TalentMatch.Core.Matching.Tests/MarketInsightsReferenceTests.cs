using System.Globalization;
using System.Text.Json;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>
/// <see cref="MarketInsights.Summarise"/> counts with numbered skills and arrays (it runs per request over thousands of
/// jobs); this checks it against the report written as its definition reads, on random jobs with duplicated skills,
/// skills both required and preferred, negotiable and missing pay, three currencies and months across years.
/// </summary>
public class MarketInsightsReferenceTests
{
    private static readonly SkillTaxonomy Taxonomy = SkillExtractor.Default.Taxonomy;

    [Theory]
    [InlineData(1, 0, int.MaxValue)]
    [InlineData(2, 1, int.MaxValue)]
    [InlineData(3, 40, 5)]
    [InlineData(4, 400, 50)]
    [InlineData(5, 3_000, 20)]
    public void The_report_equals_the_definition_on_random_jobs(int seed, int count, int maxSkills)
    {
        var jobs = RandomJobs(new Random(seed), count);
        foreach (var trend in new[] { false, true })
        {
            Assert.Equal(Json(Reference(jobs, maxSkills, trend, _ => true)), Json(MarketInsights.Summarise(jobs, Taxonomy, maxSkills, trend)));
        }

        // Only the skills a filter keeps are listed (`under=`), ranked and lifted against every skill.
        Func<string, bool> even = id => id.GetHashCode(StringComparison.Ordinal) % 2 == 0;
        Assert.Equal(Json(Reference(jobs, maxSkills, true, even)), Json(MarketInsights.Summarise(jobs, Taxonomy, maxSkills, trend: true, include: even)));
        if (count > 0) Assert.NotEmpty(MarketInsights.Summarise(jobs, Taxonomy, maxSkills).Skills);
    }

    private static string Json(MarketReport report) => JsonSerializer.Serialize(report);

    private static List<MarketJob> RandomJobs(Random random, int count)
    {
        var skills = Taxonomy.Skills.Where(s => s.Kind == SkillKind.Skill).Select(s => s.Id).Take(60).ToArray();
        string Pick() => skills[(int)(skills.Length * Math.Pow(random.NextDouble(), 2))];
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var required = Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pick()).ToArray(); // duplicates kept on purpose
            var preferred = Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pick()).ToArray();
            var mid = random.Next(5, 60) * 1_000m;
            var draw = random.NextDouble();
            Compensation? pay = draw < 0.6 ? new Compensation("CNY", "month", mid, mid, 12, false, AnnualMidpoint: mid * 12, MonthlyMidpoint: mid)
                : draw < 0.75 ? new Compensation("USD", "year", mid, mid, AnnualMidpoint: mid, MonthlyMidpoint: null)
                : draw < 0.8 ? new Compensation("EUR", "year", mid, mid, AnnualMidpoint: mid, MonthlyMidpoint: mid / 12)
                : draw < 0.9 ? new Compensation(null, null, null, null, Negotiable: true) : null;
            var posted = new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero).AddHours(random.Next(0, 24 * 500)).ToOffset(TimeSpan.FromHours(random.Next(-11, 12)));
            return new MarketJob($"job-{i}", required, preferred, null, null, null, pay, Open: true, posted);
        })];
    }

    /// <summary>The report as its definition reads: each listed skill's jobs gathered, then counted one by one.</summary>
    private static MarketReport Reference(List<MarketJob> jobs, int maxSkills, bool trend, Func<string, bool> include)
    {
        var salaries = MarketInsights.Salaries(jobs, maxIds: 0).Select(s => s.Salary).ToList();
        var currency = salaries.FirstOrDefault()?.Currency;
        var bySkill = MarketInsights.BySkill(jobs, j => j.Skills);
        var listed = MarketInsights.Ranked(bySkill.Select(p => (p.Key, p.Value.Count)), include, maxSkills).Select(skill =>
        {
            var asking = bySkill[skill];
            var required = asking.Count(j => j.Required.Contains(skill, StringComparer.Ordinal));
            var salary = new SkillSalary(Distribution.Of(Figures(asking, currency, p => p.MonthlyMidpoint)), Distribution.Of(Figures(asking, currency, p => p.AnnualMidpoint)));
            var together = asking.SelectMany(j => j.Skills.Distinct(StringComparer.Ordinal)).Where(other => other != skill).CountBy(other => other, StringComparer.Ordinal);
            List<CoSkill> with = [.. together
                .Where(p => p.Value >= MarketInsights.MinimumJobsTogether)
                .Select(p => new CoSkill(p.Key, Math.Round((double)jobs.Count * p.Value / ((double)asking.Count * bySkill[p.Key].Count), 2), p.Value))
                .OrderByDescending(c => c.Lift).ThenByDescending(c => c.Jobs).ThenBy(c => c.Id, StringComparer.Ordinal)
                .Take(MarketInsights.MaxWith)];
            List<MonthDemand>? months = trend
                ? [.. asking.CountBy(j => j.Posted.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture), StringComparer.Ordinal).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new MonthDemand(p.Key, p.Value))]
                : null;
            return MarketInsights.Demand(skill, asking.Count, required, jobs.Count, salary, with, Taxonomy) with { Trend = months };
        }).ToList();
        return new MarketReport(jobs.Count, salaries.FirstOrDefault(), [.. salaries.Skip(1)], listed);
    }

    private static IEnumerable<decimal> Figures(IEnumerable<MarketJob> jobs, string? currency, Func<Compensation, decimal?> figure) =>
        jobs.Where(j => j.Pay is { Negotiable: false } pay && pay.Currency == currency && currency is not null).Select(j => figure(j.Pay!)).OfType<decimal>();
}
