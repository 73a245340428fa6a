using System.Net;
using System.Net.Http.Json;
using System.Text;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>Listing, deleting and closing documents over HTTP, within and across tenants.</summary>
public sealed class DocumentLifecycleTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Page(List<Item> Items, string? NextCursor);

    private sealed record Item(Guid Id, string Status, string? Title, DateTimeOffset? ClosedAt);

    private static async Task<Uri> SubmitAsync(HttpClient client, string route, string text)
    {
        using var body = new StringContent(text, Encoding.UTF8, "text/plain");
        using var response = await client.PostAsync(route, body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location!;
    }

    [Fact]
    public async Task Pages_of_candidates_cover_every_candidate_once_in_submission_order()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var submitted = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var location = await SubmitAsync(client, "/v1/candidates", $"Candidate {i}: PyTorch engineer");
            submitted.Add(Guid.Parse(location.Segments[^1]));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await client.GetFromJsonAsync<Page>($"/v1/candidates?limit=2&cursor={cursor}", Pipeline.Json, Ct))!;
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(submitted, seen);
    }

    [Fact]
    public async Task A_list_shows_only_the_callers_tenant()
    {
        var (_, alice) = await _app.CreateTenantClientAsync();
        var (_, mallory) = await _app.CreateTenantClientAsync();
        await SubmitAsync(alice, "/v1/candidates", "Alice's candidate");

        var page = (await mallory.GetFromJsonAsync<Page>("/v1/candidates", Pipeline.Json, Ct))!;

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData("cursor=not-a-cursor", "invalid-cursor")]
    [InlineData("cursor=AAAAAAAAAAAAAAAAAAAAA%21", "invalid-cursor")]
    [InlineData("limit=0", "invalid-limit")]
    [InlineData("limit=101", "invalid-limit")]
    public async Task A_bad_cursor_or_page_size_is_400(string query, string type)
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/candidates?{query}", Ct), HttpStatusCode.BadRequest, type);
    }

    [Fact]
    public async Task A_deleted_candidate_is_gone_from_get_list_and_search()
    {
        var marker = "zd" + Guid.NewGuid().ToString("N")[..10];
        var (_, client) = await _app.CreateTenantClientAsync();
        var location = await SubmitAsync(client, "/v1/candidates", $"Jane Roe, CUDA engineer {marker}");
        var candidate = await Pipeline.WaitUntilSettledAsync(client, location);
        Assert.Single((await Pipeline.SearchAsync(client, "candidates", marker)).Hits);

        using var deleted = await client.DeleteAsync(location, Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await ProblemAssert.IsProblemAsync(await client.GetAsync(location, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await client.DeleteAsync(location, Ct), HttpStatusCode.NotFound, "not-found");
        var page = (await client.GetFromJsonAsync<Page>("/v1/candidates", Pipeline.Json, Ct))!;
        Assert.DoesNotContain(page.Items, i => i.Id == candidate.Id);
        await Eventually(async () => (await Pipeline.SearchAsync(client, "candidates", marker)).Hits.Count == 0);
    }

    [Fact]
    public async Task Another_tenant_cannot_delete_or_close_my_documents()
    {
        var (_, alice) = await _app.CreateTenantClientAsync();
        var (_, mallory) = await _app.CreateTenantClientAsync();
        var candidate = await SubmitAsync(alice, "/v1/candidates", "Alice's candidate");
        var job = await SubmitAsync(alice, "/v1/jobs", "Alice's job: PyTorch");

        await ProblemAssert.IsProblemAsync(await mallory.DeleteAsync(candidate, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await mallory.DeleteAsync(job, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await mallory.PostAsync($"{job}/close", null, Ct), HttpStatusCode.NotFound, "not-found");

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync(candidate, Ct)).StatusCode);
        var stillOpen = await alice.GetFromJsonAsync<Item>(job, Pipeline.Json, Ct);
        Assert.Null(stillOpen!.ClosedAt);
    }

    [Fact]
    public async Task A_closed_job_stays_readable_but_leaves_search()
    {
        var marker = "zc" + Guid.NewGuid().ToString("N")[..10];
        var (_, client) = await _app.CreateTenantClientAsync();
        var location = await SubmitAsync(client, "/v1/jobs", $"RLHF research engineer {marker}");
        await Pipeline.WaitUntilSettledAsync(client, location);
        Assert.Single((await Pipeline.SearchAsync(client, "jobs", marker)).Hits);

        using var closed = await client.PostAsync($"{location}/close", null, Ct);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        var job = await client.GetFromJsonAsync<Item>(location, Pipeline.Json, Ct);
        Assert.NotNull(job!.ClosedAt);
        await Eventually(async () => (await Pipeline.SearchAsync(client, "jobs", marker)).Hits.Count == 0);
    }

    /// <summary>Index removal travels over the bus: poll for it, bounded.</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail("the condition did not hold within 10 s");
    }
}
