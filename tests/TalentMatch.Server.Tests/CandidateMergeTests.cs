using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Api.Lifecycle;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Server.Tests.Infrastructure;
using static TalentMatch.Server.Tests.DuplicateCandidatesTests;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Merging duplicate candidates over HTTP on the embedded host: the same resume as text and as a PDF
/// merges into one candidate with two versions, which search and matching show once; the merge is
/// announced by webhook and undone within its window, after which everything is as before; bad
/// requests, other tenants' ids and a passed window get typed problems; erasure takes every version.
/// </summary>
public sealed class CandidateMergeTests : IAsyncLifetime
{
    /// <summary>The real clock, movable forward, for the whole app: to get past the undo window without waiting a week.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private static readonly string[] MergeEvents = ["candidates.merged", "candidates.unmerged"];
    private static readonly string[] ReadOnly = ["candidates:read"];

    private readonly MovableClock _clock = new();
    private readonly WebhookReceiver _receiver = new();
    private readonly TalentMatchApp _app;

    public CandidateMergeTests() => _app = TalentMatchApp.Embedded(
        new() { ["TalentMatch:Notifications:AllowPrivateTargets"] = "true", ["TalentMatch:Notifications:PollInterval"] = "00:00:00.100" },
        services => services.AddSingleton<TimeProvider>(_clock));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _receiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private sealed record MergeView(Guid MergeId, Guid CandidateId, List<Guid> MergedIds, DateTimeOffset MergedAt, DateTimeOffset UndoUntil, DateTimeOffset? UndoneAt);

    private sealed record CandidateView(Guid Id, string Status, Guid? MergedInto, List<Guid> Versions);

    private sealed record SkillInVersionView(Guid VersionId, List<JsonElement> Evidence);

    private sealed record MergedSkillView(string Id, string Name, List<SkillInVersionView> FoundIn);

    private sealed record VersionView(Guid Id, bool Kept, string Text);

    private sealed record VersionsView(Guid CandidateId, List<VersionView> Versions, List<MergedSkillView> Skills);

    private sealed record PageView(List<JsonElement> Items);

    [Fact]
    public async Task Text_and_PDF_merge_into_one_candidate_with_two_versions_shown_once_announced_and_undone_as_before()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        using (var hook = await client.PostAsJsonAsync("/v1/webhooks", new { url = _receiver.Url("/merges"), events = MergeEvents }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        }

        var lines = Resume("Jane Doe", "jane.doe@example.com");
        var text = await SubmitAsync(client, () => new StringContent(string.Join('\n', lines), Encoding.UTF8, "text/plain"));
        var pdf = await SubmitAsync(client, () => TestDocuments.Upload(TestDocuments.Pdf([.. lines, "Kubernetes operator for Triton inference servers."]), "Jane_Doe.pdf"));
        var job = await SubmitJobAsync(client, "Senior ML engineer: vLLM, PyTorch, retrieval-augmented generation, LightGBM.");
        await Eventually.HoldsAsync(async () => (await MatchedAsync(client, job)).Count == 2, "both submissions match the job");
        Assert.Equal(2, (await Pipeline.SearchAsync(client, "candidates", "vLLM")).Hits.Count);

        // keep: newest (the default) keeps the PDF, submitted last.
        var merge = await MergeAsync(client, text, new { duplicates = new[] { pdf } }, "merge-1");
        Assert.Equal(pdf, merge.CandidateId);
        Assert.Equal([text], merge.MergedIds);
        Assert.Null(merge.UndoneAt);
        Assert.Equal(merge.MergeId, (await MergeAsync(client, text, new { duplicates = new[] { pdf } }, "merge-1")).MergeId); // replayed, not merged again

        var kept = await GetAsync<CandidateView>(client, $"/v1/candidates/{pdf}");
        Assert.Equal([text, pdf], kept.Versions);
        Assert.Null(kept.MergedInto);
        Assert.Equal(pdf, (await GetAsync<CandidateView>(client, $"/v1/candidates/{text}")).MergedInto); // each submission stays readable
        var versions = await GetAsync<VersionsView>(client, $"/v1/candidates/{text}/versions");
        Assert.Equal(pdf, versions.CandidateId);
        Assert.Equal([text, pdf], versions.Versions.Select(v => v.Id));
        Assert.True(versions.Versions.Single(v => v.Id == pdf).Kept);
        var pytorch = versions.Skills.Single(s => s.Name == "PyTorch");
        Assert.Equal([text, pdf], pytorch.FoundIn.Select(f => f.VersionId));
        Assert.All(pytorch.FoundIn, f => Assert.NotEmpty(f.Evidence));
        Assert.Equal([pdf], versions.Skills.Single(s => s.Name == "Kubernetes").FoundIn.Select(f => f.VersionId)); // the union: only the PDF says it

        Assert.Equal([pdf], await ListedAsync(client));
        Assert.Empty((await DuplicatesAsync(client, pdf)).GetProperty("duplicates").EnumerateArray());
        await Eventually.HoldsAsync(async () => (await Pipeline.SearchAsync(client, "candidates", "vLLM")).Hits.Select(h => h.Id).SequenceEqual([pdf]),
            "search shows the merged candidate once");
        await Eventually.HoldsAsync(async () => (await MatchedAsync(client, job)).SequenceEqual([pdf]), "matching shows the merged candidate once");
        var merged = Json((await _receiver.WaitForAsync("/merges", 1))[0].Body);
        Assert.Equal("candidates.merged", merged.GetProperty("type").GetString());
        Assert.Equal(pdf, merged.GetProperty("data").GetProperty("candidateId").GetGuid());
        Assert.Equal(text, Assert.Single(merged.GetProperty("data").GetProperty("mergedIds").EnumerateArray()).GetGuid());

        // Undo: everything as before.
        using (var undo = await client.PostAsync($"/v1/candidates/{pdf}/merge/undo", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
            Assert.NotNull((await undo.Content.ReadFromJsonAsync<MergeView>(Pipeline.Json, Ct))!.UndoneAt);
        }

        Assert.Null((await GetAsync<CandidateView>(client, $"/v1/candidates/{text}")).MergedInto);
        Assert.Equal([pdf], (await GetAsync<CandidateView>(client, $"/v1/candidates/{pdf}")).Versions);
        Assert.Equal([text, pdf], await ListedAsync(client));
        Assert.Equal(pdf, (await DuplicatesAsync(client, text)).GetProperty("duplicates")[0].GetProperty("candidateId").GetGuid());
        await Eventually.HoldsAsync(async () => (await Pipeline.SearchAsync(client, "candidates", "vLLM")).Hits.Count == 2, "search shows both again");
        await Eventually.HoldsAsync(async () => (await MatchedAsync(client, job)).Count == 2, "matching shows both again");
        var unmerged = Json((await _receiver.WaitForAsync("/merges", 2))[1].Body);
        Assert.Equal("candidates.unmerged", unmerged.GetProperty("type").GetString());
        Assert.Equal(text, Assert.Single(unmerged.GetProperty("data").GetProperty("restoredIds").EnumerateArray()).GetGuid());
        await ProblemAssert.IsProblemAsync(await client.PostAsync($"/v1/candidates/{pdf}/merge/undo", null, Ct), HttpStatusCode.Conflict, "merge-undo-unavailable");
    }

    [Fact]
    public async Task Bad_requests_other_tenants_ids_merged_versions_and_a_passed_window_get_typed_problems()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, stranger) = await _app.CreateTenantClientAsync();
        var a = await SubmitAsync(client, () => JsonContent.Create(new { text = string.Join('\n', Resume("Wei Zhang", "wei.zhang@example.cn")) }));
        var b = await SubmitAsync(client, () => JsonContent.Create(new { text = string.Join('\n', Resume("Wei Zhang", "wei.zhang@example.cn").SkipLast(2)) }));
        var c = await SubmitAsync(client, () => JsonContent.Create(new { text = "Li Na\nCUDA kernels and Triton, 6 years." }));
        var theirs = await SubmitAsync(stranger, () => JsonContent.Create(new { text = string.Join('\n', Resume("Wei Zhang", "wei.zhang@example.cn")) }));

        foreach (var body in new object[]
        {
            new { }, new { duplicates = Array.Empty<Guid>() }, new { duplicates = new[] { a } }, new { duplicates = new[] { b, b } },
            new { duplicates = Enumerable.Range(0, 21).Select(_ => Guid.CreateVersion7()).ToArray() },
            new { duplicates = new[] { b }, keep = "oldest" }, new { duplicates = new[] { b }, keep = c.ToString() },
        })
        {
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/v1/candidates/{a}/merge", body, Ct), HttpStatusCode.BadRequest, "invalid-field");
        }

        await ProblemAssert.IsProblemAsync(
            await client.PostAsync($"/v1/candidates/{a}/merge", new StringContent("{\"duplicates\": [", Encoding.UTF8, "application/json"), Ct),
            HttpStatusCode.BadRequest, "malformed-json");

        // Tenant isolation: another tenant's candidate is not found from either side, and nothing moved.
        await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync($"/v1/candidates/{a}/merge", new { duplicates = new[] { theirs } }, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(
            await stranger.PostAsJsonAsync($"/v1/candidates/{theirs}/merge", new { duplicates = new[] { a } }, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(
            await stranger.PostAsJsonAsync($"/v1/candidates/{a}/merge", new { duplicates = new[] { b } }, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync($"/v1/candidates/{a}/merge/undo", null, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/v1/candidates/{a}/versions", Ct), HttpStatusCode.NotFound, "not-found");
        Assert.Equal([a, b, c], await ListedAsync(client));

        using (var created = await client.PostAsJsonAsync("/v1/api-keys", new { name = "reader", scopes = ReadOnly }, Ct))
        {
            using var reader = _app.ClientWithKey((await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!);
            using var forbidden = await reader.PostAsJsonAsync($"/v1/candidates/{a}/merge", new { duplicates = new[] { b } }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        // keep names the older one; a merged-away version cannot be merged again, nor undone from.
        var merge = await MergeAsync(client, a, new { duplicates = new[] { b }, keep = a.ToString() }, key: null);
        Assert.Equal(a, merge.CandidateId);
        await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync($"/v1/candidates/{c}/merge", new { duplicates = new[] { b } }, Ct), HttpStatusCode.Conflict, "merge-conflict");
        await ProblemAssert.IsProblemAsync(await client.PostAsync($"/v1/candidates/{b}/merge/undo", null, Ct), HttpStatusCode.Conflict, "merge-undo-unavailable");

        // A merged candidate merged again takes its versions along; the first merge then waits for the second's undo.
        var second = await MergeAsync(client, c, new { duplicates = new[] { a }, keep = c.ToString() }, key: null);
        Assert.Equal([a, b], second.MergedIds.Order());
        Assert.Equal([a, b, c], (await GetAsync<CandidateView>(client, $"/v1/candidates/{c}")).Versions.Order());
        _clock.Ahead = TimeSpan.FromDays(8); // past the 7-day default window
        await ProblemAssert.IsProblemAsync(await client.PostAsync($"/v1/candidates/{c}/merge/undo", null, Ct), HttpStatusCode.Conflict, "merge-undo-unavailable");
        _clock.Ahead = TimeSpan.Zero;
        using (var undo = await client.PostAsync($"/v1/candidates/{c}/merge/undo", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        }

        Assert.Equal([a, b], (await GetAsync<CandidateView>(client, $"/v1/candidates/{a}")).Versions); // b is a's version again
        Assert.Equal([a, c], await ListedAsync(client));
    }

    [Fact]
    public async Task Erasing_any_version_of_a_merged_candidate_erases_every_version_with_a_receipt_each()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var marker = "mergemarker" + Guid.NewGuid().ToString("N")[..8];
        var lines = Resume("Jane Roe", "jane.roe@example.com");
        var first = await SubmitAsync(client, () => new StringContent($"{string.Join('\n', lines)}\n{marker}", Encoding.UTF8, "text/plain"));
        var second = await SubmitAsync(client, () => TestDocuments.Upload(TestDocuments.Pdf([.. lines, marker]), "Jane_Roe.pdf"));
        await MergeAsync(client, first, new { duplicates = new[] { second } }, key: null);
        // A later copy: its pairs with both versions fold into one suggestion, the kept candidate.
        var later = await SubmitAsync(client, () => new StringContent(string.Join('\n', lines.SkipLast(2)), Encoding.UTF8, "text/plain"));
        Assert.Equal(second, Assert.Single((await DuplicatesAsync(client, later)).GetProperty("duplicates").EnumerateArray()).GetProperty("candidateId").GetGuid());
        Assert.Equal(later, Assert.Single((await DuplicatesAsync(client, first)).GetProperty("duplicates").EnumerateArray()).GetProperty("candidateId").GetGuid());

        using (var deleted = await client.DeleteAsync($"/v1/candidates/{first}", Ct)) // the version, not the kept one
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        foreach (var id in new[] { first, second })
        {
            await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/candidates/{id}", Ct), HttpStatusCode.NotFound, "not-found");
            await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/candidates/{id}/versions", Ct), HttpStatusCode.NotFound, "not-found");
            await Eventually.HoldsAsync(async () => (await GetAsync<JsonElement>(client, $"/v1/candidates/{id}/erasure")).GetProperty("status").GetString() == "complete",
                $"the erasure of {id} completes");
        }

        Assert.Empty((await Pipeline.SearchAsync(client, "candidates", marker)).Hits);
        Assert.Empty((await DuplicatesAsync(client, later)).GetProperty("duplicates").EnumerateArray()); // another submission: it stays
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        Assert.False(await db.Candidates.AnyAsync(c => c.Text.Contains(marker), Ct));
        Assert.False(await db.CandidateMerges.AnyAsync(m => m.SurvivorId == first || m.SurvivorId == second, Ct));
        Assert.False(await db.CandidateFingerprints.AnyAsync(f => f.CandidateId == first || f.CandidateId == second, Ct));
        Assert.False(await db.Outbox.AnyAsync(m => m.Payload.Contains(marker), Ct));
    }

    [Fact]
    public async Task Retention_erases_an_expired_version_alone_and_the_kept_candidate_stays()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var lines = Resume("Anna Berg", "anna.berg@example.se");
        Guid old;
        _clock.Ahead = -TimeSpan.FromDays(40); // submitted 40 days ago
        try
        {
            old = await SubmitAsync(client, () => new StringContent(string.Join('\n', lines), Encoding.UTF8, "text/plain"));
        }
        finally
        {
            _clock.Ahead = TimeSpan.Zero;
        }

        var recent = await SubmitAsync(client, () => new StringContent(string.Join('\n', lines.SkipLast(1)), Encoding.UTF8, "text/plain"));
        Assert.Equal(recent, (await MergeAsync(client, old, new { duplicates = new[] { recent } }, key: null)).CandidateId);
        using (var policy = await client.PutAsJsonAsync("/v1/settings/retention", new { candidateDays = 30 }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        }

        // The host's own sweeper may run between the policy and this pass (a CI race): whichever pass erases the expired
        // version, it is erased alone, which the lines below check.
        Assert.InRange(await ActivatorUtilities.CreateInstance<RetentionSweeper>(_app.Services).PruneAsync(Ct), 0, 1);

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/candidates/{old}", Ct), HttpStatusCode.NotFound, "not-found");
        Assert.Equal([recent], (await GetAsync<CandidateView>(client, $"/v1/candidates/{recent}")).Versions);
    }

    private static JsonElement Json(byte[] body) => JsonDocument.Parse(body).RootElement.Clone();

    private static async Task<MergeView> MergeAsync(HttpClient client, Guid id, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/candidates/{id}/merge") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MergeView>(Pipeline.Json, Ct))!;
    }

    private static async Task<T> GetAsync<T>(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(Pipeline.Json, Ct))!;
    }

    private static async Task<JsonElement> DuplicatesAsync(HttpClient client, Guid id) => await GetAsync<JsonElement>(client, $"/v1/candidates/{id}/duplicates");

    private static async Task<List<Guid>> ListedAsync(HttpClient client) =>
        [.. (await GetAsync<PageView>(client, "/v1/candidates")).Items.Select(i => i.GetProperty("id").GetGuid())];

    private static async Task<List<Guid>> MatchedAsync(HttpClient client, Guid job)
    {
        using var response = await client.GetAsync($"/v1/jobs/{job}/matches", Ct);
        return response.IsSuccessStatusCode
            ? [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("candidateId").GetGuid()).Order()]
            : [];
    }

    private static async Task<Guid> SubmitJobAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/v1/jobs", new { title = "Senior ML Engineer", text }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!)).Id;
    }
}
