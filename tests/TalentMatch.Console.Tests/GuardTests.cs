using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TalentMatch.Console.Tests;

/// <summary>
/// What the console must refuse, tried in a real browser: a key's scopes are the API's (a
/// search-only key gets no admin page), another tenant's candidate is not found, a form without
/// its antiforgery token is refused; and the main pages pass axe-core without serious or critical
/// violations, in English and Chinese, at desktop and phone width.
/// </summary>
public sealed class GuardTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task A_search_only_key_cannot_reach_the_admin_pages()
    {
        host.RequireBrowser();
        var (key, _) = await host.NewTenantAsync("search");
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, key);

        var response = await page.GotoAsync("/console/api-keys");

        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not allowed");
        await Expect(page.Locator("table")).ToHaveCountAsync(0);
        // The same key searches: it is its scope, not the console, that decides.
        Assert.Equal((int)HttpStatusCode.OK, (await page.GotoAsync("/console/search?q=python"))!.Status);
    }

    [Fact]
    public async Task Another_tenants_candidate_is_a_not_found_page()
    {
        host.RequireBrowser();
        var (_, otherApi) = await host.NewTenantAsync();
        var theirs = await ConsoleHost.SubmitAsync(otherApi, "candidates", new { text = "Jane Roe. Python and PyTorch, 6 years." });
        var (key, _) = await host.NewTenantAsync();
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, key);

        var response = await page.GotoAsync($"/console/candidates/{theirs}");

        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not found");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Jane Roe");
    }

    [Fact]
    public async Task A_form_posted_without_its_token_is_refused_and_changes_nothing()
    {
        host.RequireBrowser();
        var (key, api) = await host.NewTenantAsync();
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, key);

        // The browser's own cookies (session and antiforgery) go with it: only the form field is missing.
        var forged = await context.APIRequest.PostAsync("/console/jobs", new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData().Set("title", "Forged").Set("text", "Requirements: Python."),
            MaxRedirects = 0,
        });
        var withWrongToken = await context.APIRequest.PostAsync("/console/jobs", new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData().Set("__csrf", "not-a-token").Set("title", "Forged").Set("text", "Requirements: Python."),
            MaxRedirects = 0,
        });

        Assert.Equal((int)HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("Form refused", await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Equal((int)HttpStatusCode.BadRequest, withWrongToken.Status);
        var jobs = await api.GetFromJsonAsync<JsonElement>("/v1/jobs", TestContext.Current.CancellationToken);
        Assert.Equal(0, jobs.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("en-US", 1280)]
    [InlineData("zh-CN", 1280)]
    [InlineData("en-US", 390)]
    public async Task The_main_pages_have_no_serious_or_critical_accessibility_violations(string locale, int width)
    {
        host.RequireBrowser();
        var (key, api) = await host.NewTenantAsync();
        // A saved search the candidate matches: every page's navigation then shows a count of new alerts, checked too.
        using (var saved = await api.PostAsJsonAsync("/v1/saved-searches", new { name = "PyTorch", search = new { q = "pytorch" } }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        }

        var candidate = await ConsoleHost.SubmitAsync(api, "candidates", new { text = "Li Wei, ML engineer. 5 years of PyTorch and Python; 熟悉 Kubernetes 和大模型微调。" });
        var job = await ConsoleHost.SubmitAsync(api, "jobs", new { title = "ML Engineer", text = "Requirements: 3+ years of PyTorch and Python. Nice to have: Kubernetes." });
        await ConsoleHost.WaitIndexedAsync(api, "candidates", candidate);
        await ConsoleHost.WaitIndexedAsync(api, "jobs", job);
        for (var i = 0; (await api.GetFromJsonAsync<JsonElement>("/v1/saved-searches/alerts", TestContext.Current.CancellationToken)).GetProperty("items").GetArrayLength() == 0; i++)
        {
            Assert.True(i < 1200, "No saved-search alert after 120 s.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await using var context = await host.NewContextAsync(locale, width);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        var violations = new List<string>();
        await CheckAsync(page, violations);
        await ConsoleHost.SignInAsync(page, key);
        await Expect(page.Locator("nav .nav-count")).ToHaveCountAsync(1);

        foreach (var path in new[] { "/console/search?q=PyTorch", "/console/insights", $"/console/candidates/{candidate}", "/console/jobs", $"/console/jobs/{job}", "/console/jobs/new", $"/console/jobs/{job}/edit", "/console/upload", "/console/api-keys", "/console/webhooks", "/console/saved-searches" })
        {
            Assert.Equal((int)HttpStatusCode.OK, (await page.GotoAsync(path))!.Status);
            await CheckAsync(page, violations);
        }

        // A portal link made on the candidate's page (its URL shown once: that page is checked too), then the candidate's pages.
        await page.GotoAsync($"/console/candidates/{candidate}");
        await page.Locator($"form[action='/console/candidates/{candidate}/portal-links'] button").ClickAsync();
        await CheckAsync(page, violations);
        var link = await page.Locator("#portal-link").TextContentAsync();
        foreach (var path in new[] { link!, $"/console/portal/roles/{job}", "/console/portal/open/not-a-link" })
        {
            await page.GotoAsync(path);
            await CheckAsync(page, violations);
        }

        Assert.Empty(violations);
    }

    private static async Task CheckAsync(IPage page, List<string> violations)
    {
        var results = await page.RunAxe();
        violations.AddRange(results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
    }
}
