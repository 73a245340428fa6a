using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TalentMatch.Console.Tests;

/// <summary>
/// The candidate portal in a real browser: a recruiter makes a link on the candidate's page; the
/// candidate opens it and sees the open roles that match them and why, and for one the gap report
/// with courses; in English and in Chinese (switch and Accept-Language); nothing of another
/// candidate or tenant; a revoked, forged or missing link gets a clear page.
/// </summary>
public sealed class PortalJourneyTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    private const string Job = "LLM Engineer\nRequirements: 3+ years of PyTorch and Python; CUDA and Kubernetes.";

    [Fact]
    public async Task A_candidate_opens_their_link_sees_matching_roles_and_a_gap_report_and_loses_access_when_it_is_revoked()
    {
        host.RequireBrowser();
        var (key, api) = await host.NewTenantAsync();
        var (_, otherApi) = await host.NewTenantAsync();
        var job = await ConsoleHost.SubmitAsync(api, "jobs", new { title = "LLM Engineer", text = Job });
        var othersJob = await ConsoleHost.SubmitAsync(otherApi, "jobs", new { title = "Rival Research Scientist", text = "Requirements: PyTorch, Python and CUDA." });
        var candidate = await ConsoleHost.SubmitAsync(api, "candidates", new { text = "Jane Doe, ML engineer. 5 years of PyTorch and Python." });
        var colleague = await ConsoleHost.SubmitAsync(api, "candidates", new { text = "John Roe, ML engineer. PyTorch, Python, CUDA and Kubernetes." });
        foreach (var (client, kind, id) in new[] { (api, "jobs", job), (otherApi, "jobs", othersJob), (api, "candidates", candidate), (api, "candidates", colleague) })
        {
            await ConsoleHost.WaitIndexedAsync(client, kind, id);
        }

        // The recruiter makes the link on the candidate's page; it is shown once.
        await using var recruiter = await host.NewContextAsync();
        var console = await recruiter.NewPageAsync();
        await ConsoleHost.SignInAsync(console, key);
        await console.GotoAsync($"/console/candidates/{candidate}");
        await console.Locator($"form[action='/console/candidates/{candidate}/portal-links'] button").ClickAsync();
        var url = await console.Locator("#portal-link").TextContentAsync();
        Assert.StartsWith(host.BaseUrl.ToString().TrimEnd('/') + "/console/portal/open/tmp_", url, StringComparison.Ordinal);
        await Expect(console.Locator("table.portal-links tbody tr")).ToHaveCountAsync(1);
        await console.GotoAsync($"/console/candidates/{candidate}");
        await Expect(console.Locator("#portal-link")).ToHaveCountAsync(0);
        await Expect(console.Locator("table.portal-links tbody tr")).ToHaveCountAsync(1);
        await WaitUntilMatchedAsync(url!);

        // The candidate opens it: the token leaves the address bar; the role that fits, and why.
        await using var candidateBrowser = await host.NewContextAsync();
        var portal = await candidateBrowser.NewPageAsync();
        await portal.GotoAsync(url!);
        Assert.EndsWith("/console/portal", portal.Url, StringComparison.Ordinal);
        await Expect(portal.Locator("h1")).ToHaveTextAsync("Roles that match you");
        var role = portal.Locator("article.role", new() { HasText = "LLM Engineer" });
        await Expect(role).ToHaveCountAsync(1);
        await Expect(role.Locator("tr.req-matched th", new() { HasText = "PyTorch" })).ToHaveCountAsync(1);
        await Expect(role.Locator("tr.req-missing th", new() { HasText = "CUDA" })).ToHaveCountAsync(1);
        // Only themselves and this tenant's open roles: no other candidate, no other tenant, no recruiter navigation.
        var body = portal.Locator("body");
        await Expect(body).Not.ToContainTextAsync("John Roe");
        await Expect(body).Not.ToContainTextAsync("Rival Research Scientist");
        await Expect(portal.Locator("nav")).ToHaveCountAsync(0);
        await ConsoleHost.ScreenshotAsync(portal, "portal-en");

        // The gap report: what is missing, most important first, with courses to close it.
        await role.Locator("h3 a").ClickAsync();
        await ConsoleHost.WaitForUrlAsync(portal, $"/console/portal/roles/{job}$");
        await Expect(portal.Locator("h1")).ToHaveTextAsync("LLM Engineer");
        var cuda = portal.Locator("article.gap", new() { Has = portal.Locator("h3", new() { HasText = "CUDA" }) });
        await Expect(cuda.Locator("li[data-kind=course]").First).ToBeVisibleAsync();
        await ConsoleHost.ScreenshotAsync(portal, "portal-gap-en");

        // In Chinese, from the switch.
        await portal.Locator(".languages a[lang=zh-CN]").ClickAsync();
        await Expect(portal.Locator("h2")).ToHaveTextAsync("需要补齐的技能（按重要性排序）");
        await Expect(cuda.Locator("li[data-kind=course] .kind").First).ToHaveTextAsync("课程");
        await ConsoleHost.ScreenshotAsync(portal, "portal-gap-zh");
        await portal.GotoAsync("/console/portal");
        await Expect(portal.Locator("h1")).ToHaveTextAsync("与您匹配的职位");
        await Expect(role.Locator("tr.req-missing", new() { HasText = "CUDA" }).Locator(".outcome")).ToHaveTextAsync("缺失");
        await ConsoleHost.ScreenshotAsync(portal, "portal-zh");

        // A browser asking for Chinese gets Chinese from the first page.
        await using var chineseBrowser = await host.NewContextAsync("zh-CN");
        var chinese = await chineseBrowser.NewPageAsync();
        await chinese.GotoAsync(url!);
        await Expect(chinese.Locator("h1")).ToHaveTextAsync("与您匹配的职位");

        // Revoked on the candidate's page: the next page the candidate opens says so, and so does the link itself.
        await console.Locator($"form[action^='/console/candidates/{candidate}/portal-links/'] button").ClickAsync();
        await Expect(console.Locator("table.portal-links td", new() { HasText = "revoked" })).ToHaveCountAsync(1);
        var refused = await portal.GotoAsync("/console/portal");
        Assert.Equal((int)HttpStatusCode.Forbidden, refused!.Status);
        await Expect(portal.Locator("h1")).ToHaveTextAsync("此链接已失效");
        var reopened = await chinese.GotoAsync(url!);
        Assert.Equal((int)HttpStatusCode.Forbidden, reopened!.Status);
        await Expect(chinese.Locator("h1")).ToHaveTextAsync("此链接已失效");
    }

    [Fact]
    public async Task A_forged_link_or_no_link_gets_a_clear_page()
    {
        host.RequireBrowser();
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();

        foreach (var forged in new[] { "tmp_" + Guid.NewGuid().ToString("N") + "_" + new string('x', 43), "not-a-token", new string('a', 300) })
        {
            var response = await page.GotoAsync("/console/portal/open/" + forged);
            Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("This link no longer works");
        }

        var none = await page.GotoAsync("/console/portal");
        Assert.Equal((int)HttpStatusCode.Forbidden, none!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Open your link");
        Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"/console/portal/roles/{Guid.NewGuid()}"))!.Status);
    }

    /// <summary>Matching stores a profile a moment after the search index has it: waits until the portal's API lists a role.</summary>
    private async Task WaitUntilMatchedAsync(string url)
    {
        using var portal = host.App.CreateClient();
        portal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", url[(url.LastIndexOf('/') + 1)..]);
        for (var i = 0; i < 600; i++)
        {
            using var response = await portal.GetAsync("/v1/portal/roles", TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK
                && (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("roles").GetArrayLength() > 0)
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The portal listed no role after 60 s");
    }
}
