using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace TalentMatch.Console.Tests;

/// <summary>
/// Editing a job with the ETag flow (a stale save is a conflict that keeps the recruiter's text), and
/// the webhooks pages (a secret shown once, recent deliveries with their status code, delete).
/// </summary>
public sealed class EditAndWebhookTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task A_stale_job_edit_is_a_conflict_that_keeps_the_recruiters_text_and_saving_again_replaces_it()
    {
        host.RequireBrowser();
        var (key, api) = await host.NewTenantAsync();
        var job = await ConsoleHost.SubmitAsync(api, "jobs", new { title = "Data Engineer", text = "Requirements: Python and Spark." });
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, key);
        await page.GotoAsync($"/console/jobs/{job}");
        await page.Locator($"a[href='/console/jobs/{job}/edit']").ClickAsync();
        await Expect(page.Locator("#text")).ToHaveValueAsync("Requirements: Python and Spark.");

        // Someone else saves first, through the API, with the ETag they read.
        using (var read = await api.GetAsync($"/v1/jobs/{job}", TestContext.Current.CancellationToken))
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/v1/jobs/{job}") { Content = JsonContent.Create(new { title = "Changed elsewhere", text = "Requirements: Scala." }) };
            put.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
            using var saved = await api.SendAsync(put, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, saved.StatusCode);
        }

        // The pipeline now processes that edit while the recruiter types: its status changes are not conflicts (the
        // API compares content revisions), so the second save below succeeds whenever it lands.
        const string mine = "Requirements: Python, Spark and Airflow.";
        await page.Locator("#text").FillAsync(mine);
        var conflict = await page.RunAndWaitForResponseAsync(
            () => page.Locator($"form[action='/console/jobs/{job}/edit'] button[type=submit]").ClickAsync(),
            r => r.Url.EndsWith("/edit", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.Equal((int)HttpStatusCode.Conflict, conflict.Status);
        await Expect(page.Locator(".problem[role=alert]")).ToContainTextAsync("Someone changed this job");
        await Expect(page.Locator("#text")).ToHaveValueAsync(mine);
        await Expect(page.Locator(".current-text")).ToHaveTextAsync("Requirements: Scala.");
        Assert.Equal("Requirements: Scala.", (await api.GetFromJsonAsync<JsonElement>($"/v1/jobs/{job}", TestContext.Current.CancellationToken)).GetProperty("text").GetString());

        // Saving again, having seen the other version, replaces it.
        await page.Locator($"form[action='/console/jobs/{job}/edit'] button[type=submit]").ClickAsync();
        await ConsoleHost.WaitForUrlAsync(page, $"/console/jobs/{job}$");
        var stored = await api.GetFromJsonAsync<JsonElement>($"/v1/jobs/{job}", TestContext.Current.CancellationToken);
        Assert.Equal(mine, stored.GetProperty("text").GetString());
        Assert.Equal("Data Engineer", stored.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_admin_creates_a_webhook_sees_its_secret_once_reads_its_deliveries_and_deletes_it()
    {
        host.RequireBrowser();
        var (key, api) = await host.NewTenantAsync();
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, key);
        await page.GotoAsync("/console/webhooks");

        // A target on this very host that answers 404: the deliveries page shows that code and its reason.
        var target = new Uri(host.BaseUrl, "/hooks/talentmatch").ToString();
        await page.Locator("#url").FillAsync(target);
        await page.Locator("input[name=events][value='candidate.indexed']").CheckAsync();
        await page.Locator("form[action='/console/webhooks'] button[type=submit]").ClickAsync();
        var secret = await page.Locator("#webhook-secret").TextContentAsync();
        Assert.False(string.IsNullOrWhiteSpace(secret));
        await Expect(page.Locator("table.webhooks td a", new() { HasText = target })).ToHaveCountAsync(1);

        // Reloading the page that showed the secret shows it no more, and makes no second webhook.
        await page.ReloadAsync();
        await Expect(page.Locator("#webhook-secret")).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).Not.ToContainTextAsync(secret!);
        var afterReload = await api.GetFromJsonAsync<JsonElement>("/v1/webhooks", TestContext.Current.CancellationToken);
        Assert.Equal(1, afterReload.GetProperty("items").GetArrayLength());

        var candidate = await ConsoleHost.SubmitAsync(api, "candidates", new { text = "Jane Doe. PyTorch." });
        await ConsoleHost.WaitIndexedAsync(api, "candidates", candidate);
        await page.Locator("table.webhooks td a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Recent deliveries");
        for (var i = 0; i < 100 && await page.Locator("table.deliveries td", new() { HasText = "HTTP 404" }).CountAsync() == 0; i++)
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
        }

        await Expect(page.Locator("table.deliveries tr", new() { HasText = "candidate.indexed" }).Locator("td", new() { HasText = "HTTP 404 Not Found" })).ToHaveCountAsync(1);

        await page.GotoAsync("/console/webhooks");
        await page.Locator("form[action$='/delete'] button").ClickAsync();
        await ConsoleHost.WaitForUrlAsync(page, "/console/webhooks$");
        await Expect(page.Locator("table.webhooks")).ToHaveCountAsync(0);
        var listed = await api.GetFromJsonAsync<JsonElement>("/v1/webhooks", TestContext.Current.CancellationToken);
        Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_admin_creates_an_api_key_sees_it_once_and_a_reload_makes_no_other()
    {
        host.RequireBrowser();
        var (key, api) = await host.NewTenantAsync();
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, key);
        await page.GotoAsync("/console/api-keys");

        await page.Locator("#name").FillAsync("ats-sync");
        await page.Locator("input[name=scopes][value='search']").CheckAsync();
        await page.Locator("form[action='/console/api-keys'] button[type=submit]").ClickAsync();
        var secret = await page.Locator("#new-api-key").TextContentAsync();
        Assert.StartsWith("tm_", secret, StringComparison.Ordinal);
        using (var client = host.App.ClientWithKey(secret!))
        {
            using var works = await client.GetAsync("/v1/search/candidates?q=pytorch", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        }

        await page.ReloadAsync();
        await Expect(page.Locator("#new-api-key")).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).Not.ToContainTextAsync(secret!);
        var keys = await api.GetFromJsonAsync<JsonElement>("/v1/api-keys", TestContext.Current.CancellationToken);
        Assert.Equal(1, keys.GetProperty("items").EnumerateArray().Count(k => k.GetProperty("name").GetString() == "ats-sync"));
    }

    [Fact]
    public async Task A_search_only_key_gets_no_webhook_page()
    {
        host.RequireBrowser();
        var (key, _) = await host.NewTenantAsync("search");
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, key);

        var response = await page.GotoAsync("/console/webhooks");

        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        await Expect(page.Locator("form[action='/console/webhooks']")).ToHaveCountAsync(0);
    }
}
