using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TalentMatch.Console.Tests;

/// <summary>
/// Saved-search alerts in a real browser: a candidate indexed after a search was saved is listed under it as new,
/// links to the candidate's page, is no longer new on the next visit; the navigation of every page counts the alerts
/// new since the last visit (English and Chinese); another tenant's recruiter sees none of it.
/// </summary>
public sealed class SavedSearchAlertTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recruiter_sees_the_candidates_a_saved_search_alerted_about_new_once_and_only_in_their_tenant()
    {
        host.RequireBrowser();
        var (key, api) = await host.NewTenantAsync();
        using var saved = await api.PostAsJsonAsync("/v1/saved-searches", new { name = "Triton kernel authors", search = new { q = "triton" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var savedId = (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var candidate = await ConsoleHost.SubmitAsync(api, "candidates", new { text = "Mei Chen, GPU engineer. Wrote Triton kernels for attention; 4 years of CUDA and PyTorch." });
        var other = await ConsoleHost.SubmitAsync(api, "candidates", new { text = "Sam Roe, data analyst. SQL and dashboards." });
        await ConsoleHost.WaitIndexedAsync(api, "candidates", candidate);
        await ConsoleHost.WaitIndexedAsync(api, "candidates", other);
        // The alert is raised when search indexes the candidate (matching's consumer): wait for it as the API reports it.
        for (var i = 0; (await api.GetFromJsonAsync<JsonElement>($"/v1/saved-searches/{savedId}", Ct)).GetProperty("recentAlerts").GetArrayLength() == 0; i++)
        {
            Assert.True(i < 1200, "No alert for the new candidate after 120 s.");
            await Task.Delay(100, Ct);
        }

        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, key);
        // Before the first visit every alert is new: the navigation says how many, on every page, in words too.
        var count = page.Locator("nav a[href='/console/saved-searches'] .nav-count");
        await Expect(count).ToHaveAttributeAsync("data-new-alerts", "1");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Saved searches 1 new alerts since your last visit", Exact = true })).ToHaveCountAsync(1);
        await page.GotoAsync("/console/jobs");
        await Expect(count).ToHaveAttributeAsync("data-new-alerts", "1");
        await page.Locator("nav a[href='/console/saved-searches']").ClickAsync();
        await ConsoleHost.WaitForUrlAsync(page, "/console/saved-searches$");

        var section = page.Locator("section.saved-search", new() { HasText = "Triton kernel authors" });
        await Expect(section).ToHaveCountAsync(1);
        // Only the candidate that matched, marked new, and the count of new alerts says so.
        await Expect(section.Locator("tr.alert")).ToHaveCountAsync(1);
        await Expect(section.Locator("tr.alert[data-new=true] .badge")).ToHaveTextAsync("New");
        await Expect(page.Locator(".unread")).ToHaveAttributeAsync("data-unread", "1");
        await Expect(count).ToHaveCountAsync(0); // this visit is what the count is since
        await ConsoleHost.ScreenshotAsync(page, "saved-searches-en");

        // The next visit: seen, no longer new.
        await page.ReloadAsync();
        await Expect(section.Locator("tr.alert[data-new=false]")).ToHaveCountAsync(1);
        await Expect(page.Locator(".unread")).ToHaveAttributeAsync("data-unread", "0");

        // The alert leads to the candidate.
        await section.Locator($"a[href='/console/candidates/{candidate}']").ClickAsync();
        await ConsoleHost.WaitForUrlAsync(page, $"/console/candidates/{candidate}$");
        await Expect(count).ToHaveCountAsync(0);

        // A candidate that matches after the visit: counted as new on the other pages, in Chinese too.
        var later = await ConsoleHost.SubmitAsync(api, "candidates", new { text = "Ana Ruiz, compiler engineer. Triton and MLIR for inference kernels." });
        await ConsoleHost.WaitIndexedAsync(api, "candidates", later);
        for (var i = 0; (await api.GetFromJsonAsync<JsonElement>("/v1/saved-searches/alerts", Ct)).GetProperty("items").GetArrayLength() < 2; i++)
        {
            Assert.True(i < 1200, "No alert for the later candidate after 120 s.");
            await Task.Delay(100, Ct);
        }

        await page.ReloadAsync();
        await Expect(count).ToHaveAttributeAsync("data-new-alerts", "1");
        await page.GotoAsync($"/console/language?to=zh&back={Uri.EscapeDataString($"/console/candidates/{candidate}")}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "已保存的搜索 1 条自上次访问以来的新提醒", Exact = true })).ToHaveCountAsync(1);
        await ConsoleHost.ScreenshotAsync(page, "saved-searches-nav-count-zh");

        // Another tenant's recruiter: none of these saved searches or alerts.
        var (otherKey, _) = await host.NewTenantAsync();
        await using var otherContext = await host.NewContextAsync();
        var otherPage = await otherContext.NewPageAsync();
        await ConsoleHost.SignInAsync(otherPage, otherKey);
        await otherPage.GotoAsync("/console/saved-searches");
        await Expect(otherPage.Locator("section.saved-search")).ToHaveCountAsync(0);
        await Expect(otherPage.Locator(".nav-count")).ToHaveCountAsync(0);
        await otherPage.GotoAsync("/console/search");
        await Expect(otherPage.Locator(".nav-count")).ToHaveCountAsync(0);
        await Expect(otherPage.Locator("main")).Not.ToContainTextAsync("Triton kernel authors");
    }
}
