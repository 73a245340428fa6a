using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace TalentMatch.Console.Tests;

/// <summary>
/// The insights page in a real browser: five Chinese job ads with posted pay go through the pipeline, then the demand
/// chart has a bar for PyTorch and the pay chart its range, with the median of the five midpoints; the same page in
/// Chinese.
/// </summary>
public sealed class InsightsChartTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task The_insights_page_draws_demand_and_pay_in_english_and_chinese()
    {
        host.RequireBrowser();
        var (key, api) = await host.NewTenantAsync();
        string[] pay = ["25-35K·14薪", "30-40K·14薪", "35-45K·14薪", "40-50K·14薪", "45-55K·14薪"]; // midpoints 30,000 … 50,000: median 40,000
        foreach (var (range, i) in pay.Select((p, i) => (p, i)))
        {
            await ConsoleHost.SubmitAsync(api, "jobs", new { title = $"算法工程师 {i}", text = $"职位要求：精通 PyTorch 和 Python，熟悉 Kubernetes。薪资 {range}。" });
        }

        // The insights consumer counts a job once the pipeline has embedded it.
        for (var i = 0; i < 1800 && (await api.GetFromJsonAsync<JsonElement>("/v1/insights/skills", TestContext.Current.CancellationToken)).GetProperty("jobs").GetInt32() < pay.Length; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, key);
        await page.GotoAsync("/console/insights");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Market insights");
        var demand = page.Locator("svg.demand g[data-skill=pytorch]");
        await Expect(demand.Locator("rect.c-requiredSkills")).ToHaveCountAsync(1);
        await Expect(demand.Locator("text.value")).ToHaveTextAsync("5");
        var pytorchPay = page.Locator("svg.pay g[data-skill=pytorch]");
        await Expect(pytorchPay.Locator("rect.range")).ToHaveCountAsync(1);
        await Expect(pytorchPay.Locator("text.value")).ToHaveTextAsync("40,000");
        await ConsoleHost.ScreenshotAsync(page, "insights-en");

        await page.Locator("a[lang=zh-CN]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("市场洞察");
        await Expect(page.Locator("svg.pay g[data-skill=pytorch] text.value")).ToHaveTextAsync("40,000");
        await ConsoleHost.ScreenshotAsync(page, "insights-zh");
    }
}
