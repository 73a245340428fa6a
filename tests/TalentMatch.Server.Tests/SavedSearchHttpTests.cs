using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Platform.Security;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Saved searches over HTTP on the embedded host: kept per tenant, bounded, and alerting (a <c>search.matched</c>
/// webhook) once per new candidate that matches, through the real pipeline, index and webhook delivery.
/// </summary>
public sealed class SavedSearchHttpTests : IAsyncLifetime
{
    private const string DistributedTraining = "pytorch AND \"distributed training\" NOT intern";
    private static readonly string[] Jax = ["jax"];
    private static readonly string[] SearchMatched = ["search.matched"];

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded(new()
    {
        // The receiver listens on loopback: allowed here, refused by default.
        ["TalentMatch:Notifications:AllowPrivateTargets"] = "true",
        ["TalentMatch:Notifications:PollInterval"] = "00:00:00.100",
        // A hundred saved searches and their pages in a few seconds: on a fast machine the default per-key rate limit
        // answered 429 (CI, 2026-12-06). Rate limiting has its own tests (AccessTests).
        ["TalentMatch:RateLimit:RequestsPerSecond"] = "1000",
        ["TalentMatch:RateLimit:Burst"] = "1000",
    });

    private readonly WebhookReceiver _receiver = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _receiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Saved_searches_are_created_listed_read_and_deleted_within_their_tenant()
    {
        var (_, client) = await _app.CreateTenantClientAsync(Scopes.Search);
        var (_, mallory) = await _app.CreateTenantClientAsync(Scopes.Search);
        var first = await CreateAsync(client, new { name = "Distributed training", search = new { q = DistributedTraining, location = "Beijing", yearsMin = 3 } });
        var second = await CreateAsync(client, new { name = "JAX", search = new { skills = Jax } });

        Assert.Equal("Distributed training", first.Name);
        Assert.Equal(DistributedTraining, first.Search.Q);
        Assert.Equal("Beijing", first.Search.Location);
        Assert.Equal(3, first.Search.YearsMin);
        Assert.NotNull(first.OwnerKeyId);
        var page1 = (await client.GetFromJsonAsync<PageView>("/v1/saved-searches?limit=1", Pipeline.Json, Ct))!;
        Assert.Equal([second.Id], page1.Items.Select(s => s.Id));
        var page2 = (await client.GetFromJsonAsync<PageView>($"/v1/saved-searches?limit=1&cursor={page1.NextCursor}", Pipeline.Json, Ct))!;
        Assert.Equal([first.Id], page2.Items.Select(s => s.Id));
        Assert.Null(page2.NextCursor);
        var read = (await client.GetFromJsonAsync<DetailsView>($"/v1/saved-searches/{first.Id}", Pipeline.Json, Ct))!;
        Assert.Equal(first.Search, read.Search);
        Assert.Empty(read.RecentAlerts);

        // Another tenant neither sees nor deletes it.
        Assert.Empty((await mallory.GetFromJsonAsync<PageView>("/v1/saved-searches", Pipeline.Json, Ct))!.Items);
        await ProblemAssert.IsProblemAsync(await mallory.GetAsync($"/v1/saved-searches/{first.Id}", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await mallory.DeleteAsync($"/v1/saved-searches/{first.Id}", Ct), HttpStatusCode.NotFound, "not-found");

        using (var deleted = await client.DeleteAsync($"/v1/saved-searches/{first.Id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/saved-searches/{first.Id}", Ct), HttpStatusCode.NotFound, "not-found");
        Assert.Equal([second.Id], (await client.GetFromJsonAsync<PageView>("/v1/saved-searches", Pipeline.Json, Ct))!.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task Bad_saved_searches_are_typed_problems_and_a_tenant_has_at_most_one_hundred()
    {
        var (_, client) = await _app.CreateTenantClientAsync(Scopes.Search);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/saved-searches", new { search = new { q = "pytorch" } }, Ct), HttpStatusCode.BadRequest, "invalid-name");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/saved-searches", new { name = new string('n', 101), search = new { q = "pytorch" } }, Ct), HttpStatusCode.BadRequest, "invalid-name");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/saved-searches", new { name = "nothing" }, Ct), HttpStatusCode.BadRequest, "invalid-query");
        var unbalanced = await client.PostAsJsonAsync("/v1/saved-searches", new { name = "bad", search = new { q = "(pytorch OR jax" } }, Ct);
        await ProblemAssert.IsProblemAsync(unbalanced, HttpStatusCode.BadRequest, "invalid-query");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/saved-searches", new { name = "bad", search = new { q = "skill:nosuchskillzz" } }, Ct), HttpStatusCode.BadRequest, "invalid-query");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/saved-searches", new { name = "long", search = new { q = new string('a', 1001) } }, Ct), HttpStatusCode.BadRequest, "invalid-query");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/saved-searches", new { name = "years", search = new { q = "pytorch", yearsMin = 9, yearsMax = 2 } }, Ct), HttpStatusCode.BadRequest, "invalid-years");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/saved-searches", new { name = "remote", search = new { q = "pytorch", remote = "moon" } }, Ct), HttpStatusCode.BadRequest, "invalid-remote");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/saved-searches?limit=0", Ct), HttpStatusCode.BadRequest, "invalid-limit");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/saved-searches?cursor=nope", Ct), HttpStatusCode.BadRequest, "invalid-cursor");

        for (var i = 0; i < 100; i++)
        {
            await CreateAsync(client, new { name = $"search {i}", search = new { q = $"pytorch{i}" } });
        }

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/saved-searches", new { name = "one more", search = new { q = "jax" } }, Ct), HttpStatusCode.Conflict, "too-many-saved-searches");
        var listed = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = (await client.GetFromJsonAsync<PageView>("/v1/saved-searches?limit=30" + (cursor is null ? "" : $"&cursor={cursor}"), Pipeline.Json, Ct))!;
            listed.AddRange(page.Items.Select(s => s.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(100, listed.Distinct().Count());
    }

    [Fact]
    public async Task An_alert_fires_once_per_new_matching_candidate_and_never_for_others_or_another_tenants()
    {
        var (alice, client) = await _app.CreateTenantClientAsync();
        var (_, bob) = await _app.CreateTenantClientAsync();
        await CreateWebhookAsync(client, "/alice");
        await CreateWebhookAsync(bob, "/bob");
        var saved = await CreateAsync(client, new { name = "Distributed training", search = new { q = DistributedTraining } });
        var evaluated = new EvaluatedCandidates();
        using var observer = _app.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(evaluated);

        var match = await SubmitAsync(client, "Senior ML Engineer. PyTorch for distributed training on 512 GPUs.");
        var other = await SubmitAsync(client, "Senior ML Engineer. PyTorch for computer vision.");
        var intern = await SubmitAsync(client, "ML intern. PyTorch for distributed training.");
        var bobs = await SubmitAsync(bob, "Senior ML Engineer. PyTorch for distributed training on 512 GPUs.");
        await Eventually.HoldsAsync(() => new[] { match, other, intern, bobs }.All(evaluated.Contains), "every candidate run against the saved searches");

        var alert = Assert.Single(await _receiver.WaitForAsync("/alice", 1));
        Assert.Equal("search.matched", alert.Header("TalentMatch-Event-Type"));
        using (var body = JsonDocument.Parse(alert.Body))
        {
            var data = body.RootElement.GetProperty("data");
            Assert.Equal(match, data.GetProperty("candidateId").GetGuid());
            var search = Assert.Single(data.GetProperty("searches").EnumerateArray());
            Assert.Equal(saved.Id, search.GetProperty("savedSearchId").GetGuid());
            Assert.Equal("Distributed training", search.GetProperty("name").GetString());
        }

        // The same candidate announced again (a new message, and one message twice) raises nothing more.
        var again = Guid.NewGuid();
        var bus = _app.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedMessages();
        using (bus.ConnectConsumeObserver(consumed))
        {
            var announced = new CandidateIndexedAnnounced(match, alice, TimeProvider.System.GetUtcNow());
            await bus.Publish(announced, Ct);
            await bus.Publish(announced, c => c.MessageId = again, Ct);
            await bus.Publish(announced, c => c.MessageId = again, Ct);
            await Eventually.HoldsAsync(() => consumed.Count(again, "saved-search-alert") >= 2 && evaluated.Count(match) >= 4, "the repeats run against the saved searches");
        }

        var details = (await client.GetFromJsonAsync<DetailsView>($"/v1/saved-searches/{saved.Id}", Pipeline.Json, Ct))!;
        Assert.Equal([match], details.RecentAlerts.Select(a => a.CandidateId));
        // A later candidate's alert is a fence: anything the repeats had raised would have been recorded before it.
        var later = await SubmitAsync(client, "Staff engineer: PyTorch, distributed training with DeepSpeed.");
        await _receiver.WaitForAsync("/alice", 2);
        await Eventually.HoldsAsync(() => evaluated.Contains(later), "the later candidate evaluated");
        Assert.Equal([match, later], _receiver.Received("/alice").Select(CandidateOf));
        Assert.Empty(_receiver.Received("/bob"));
    }

    [Fact]
    public async Task A_candidates_alerts_are_erased_with_the_candidate()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var saved = await CreateAsync(client, new { name = "Distributed training", search = new { q = DistributedTraining } });
        var evaluated = new EvaluatedCandidates();
        using var observer = _app.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(evaluated);
        var kept = await SubmitAsync(client, "PyTorch engineer for distributed training.");
        var erased = await SubmitAsync(client, "Senior PyTorch engineer for distributed training.");
        await Eventually.HoldsAsync(() => evaluated.Contains(kept) && evaluated.Contains(erased), "both candidates evaluated");
        var before = (await client.GetFromJsonAsync<DetailsView>($"/v1/saved-searches/{saved.Id}", Pipeline.Json, Ct))!;
        Assert.Equal(new[] { kept, erased }.Order(), before.RecentAlerts.Select(a => a.CandidateId).Order());

        using (var deleted = await client.DeleteAsync($"/v1/candidates/{erased}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await Eventually.HoldsAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"/v1/candidates/{erased}/erasure", Ct)).GetProperty("services").EnumerateArray()
                .Any(s => s.GetProperty("service").GetString() == "matching" && s.GetProperty("erasedAt").ValueKind != JsonValueKind.Null),
            "matching's erasure confirmation");
        var after = (await client.GetFromJsonAsync<DetailsView>($"/v1/saved-searches/{saved.Id}", Pipeline.Json, Ct))!;
        Assert.Equal([kept], after.RecentAlerts.Select(a => a.CandidateId));
    }

    [Fact]
    public async Task The_alert_feed_lists_a_tenants_alerts_across_its_saved_searches_newest_first_paged_and_never_another_tenants()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, bob) = await _app.CreateTenantClientAsync();
        var triton = await CreateAsync(client, new { name = "Triton", search = new { q = "triton" } });
        var kernels = await CreateAsync(client, new { name = "Kernels", search = new { q = "kernels" } });
        await CreateAsync(bob, new { name = "Triton", search = new { q = "triton" } });
        var evaluated = new EvaluatedCandidates();
        using var observer = _app.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(evaluated);

        var both = await SubmitAsync(client, "GPU engineer. Wrote Triton kernels for attention.");
        var one = await SubmitAsync(client, "GPU engineer. Wrote CUDA kernels for convolutions.");
        var none = await SubmitAsync(client, "Data analyst. SQL and dashboards.");
        var bobs = await SubmitAsync(bob, "GPU engineer. Wrote Triton kernels for attention.");
        await Eventually.HoldsAsync(() => new[] { both, one, none, bobs }.All(evaluated.Contains), "every candidate run against the saved searches");

        var feed = (await client.GetFromJsonAsync<FeedView>("/v1/saved-searches/alerts", Pipeline.Json, Ct))!;
        Assert.Null(feed.NextCursor);
        Assert.Equal(
            new[] { (triton.Id, "Triton", both), (kernels.Id, "Kernels", both), (kernels.Id, "Kernels", one) }.Order(),
            feed.Items.Select(a => (a.SavedSearchId, a.SavedSearchName, a.CandidateId)).Order());
        Assert.Equal(feed.Items.Select(a => a.MatchedAt).OrderDescending(), feed.Items.Select(a => a.MatchedAt)); // newest first
        Assert.DoesNotContain(feed.Items, a => a.CandidateId == bobs || a.CandidateId == none);
        var bobsFeed = (await bob.GetFromJsonAsync<FeedView>("/v1/saved-searches/alerts", Pipeline.Json, Ct))!;
        Assert.Equal([bobs], bobsFeed.Items.Select(a => a.CandidateId));

        // A page at a time: the same list, each alert once.
        var paged = new List<FeedItemView>();
        string? cursor = null;
        do
        {
            var page = (await client.GetFromJsonAsync<FeedView>("/v1/saved-searches/alerts?limit=1" + (cursor is null ? "" : $"&cursor={cursor}"), Pipeline.Json, Ct))!;
            Assert.True(page.Items.Count <= 1);
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
            // Bob's cursor walks Bob's alerts only: a cursor is a position, not a key to another tenant's list.
            if (cursor is not null)
            {
                Assert.DoesNotContain((await bob.GetFromJsonAsync<FeedView>($"/v1/saved-searches/alerts?cursor={cursor}", Pipeline.Json, Ct))!.Items, a => a.CandidateId != bobs);
            }
        }
        while (cursor is not null && paged.Count < 10);

        Assert.Equal(feed.Items, paged);

        // Only those after 'since': after the newest, none; from just before the oldest, all.
        var newest = feed.Items.Max(a => a.MatchedAt);
        var oldest = feed.Items.Min(a => a.MatchedAt);
        Assert.Empty((await client.GetFromJsonAsync<FeedView>($"/v1/saved-searches/alerts?since={Uri.EscapeDataString(newest.ToString("O"))}", Pipeline.Json, Ct))!.Items);
        Assert.Equal(3, (await client.GetFromJsonAsync<FeedView>($"/v1/saved-searches/alerts?since={Uri.EscapeDataString(oldest.AddMilliseconds(-1).ToString("O"))}", Pipeline.Json, Ct))!.Items.Count);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/saved-searches/alerts?since=yesterday", Ct), HttpStatusCode.BadRequest, "invalid-since");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/saved-searches/alerts?since={new string('9', 5000)}", Ct), HttpStatusCode.BadRequest, "invalid-since");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/saved-searches/alerts?limit=0", Ct), HttpStatusCode.BadRequest, "invalid-limit");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/saved-searches/alerts?limit=101", Ct), HttpStatusCode.BadRequest, "invalid-limit");
        foreach (var bad in new[] { "nope", "1.0", "-1.1", "1.999999", "1.2.3", new string('1', 5000) + ".1" })
        {
            await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/saved-searches/alerts?cursor={bad}", Ct), HttpStatusCode.BadRequest, "invalid-cursor");
        }

        var (_, reader) = await _app.CreateTenantClientAsync(Scopes.CandidatesRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/v1/saved-searches/alerts", Ct)).StatusCode);
    }

    private static Guid CandidateOf(ReceivedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("data").GetProperty("candidateId").GetGuid();
    }

    private static async Task<Guid> SubmitAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsync("/v1/candidates", new StringContent(text, Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var document = await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!);
        Assert.Equal("indexed", document.Status);
        return document.Id;
    }

    private static async Task<SavedView> CreateAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("/v1/saved-searches", request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<SavedView>(Pipeline.Json, Ct))!;
        Assert.Equal($"/v1/saved-searches/{created.Id}", response.Headers.Location?.OriginalString);
        return created;
    }

    private async Task CreateWebhookAsync(HttpClient client, string path)
    {
        using var response = await client.PostAsJsonAsync("/v1/webhooks", new { url = _receiver.Url(path), events = SearchMatched }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>The candidates matching's saved-search consumer has finished with (once per consumption).</summary>
    private sealed class EvaluatedCandidates : IConsumeMessageObserver<CandidateIndexedAnnounced>
    {
        private readonly ConcurrentDictionary<Guid, int> _counts = new();

        public bool Contains(Guid candidateId) => _counts.ContainsKey(candidateId);

        public int Count(Guid candidateId) => _counts.GetValueOrDefault(candidateId);

        public Task PreConsume(ConsumeContext<CandidateIndexedAnnounced> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<CandidateIndexedAnnounced> context)
        {
            if (context.ReceiveContext.InputAddress.AbsolutePath.Contains("saved-search-alert", StringComparison.Ordinal))
            {
                _counts.AddOrUpdate(context.Message.CandidateId, 1, (_, n) => n + 1);
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<CandidateIndexedAnnounced> context, Exception exception) => Task.CompletedTask;
    }

    private sealed record DefinitionView(string? Q, List<string>? Skills, List<string>? Nice, double? YearsMin, double? YearsMax, string? Location, string? Remote, string? Seniority, string? Language)
    {
        public bool Equals(DefinitionView? other) => other is not null && JsonSerializer.Serialize(this) == JsonSerializer.Serialize(other);

        public override int GetHashCode() => JsonSerializer.Serialize(this).GetHashCode(StringComparison.Ordinal);
    }

    private sealed record SavedView(Guid Id, string Name, DefinitionView Search, Guid? OwnerKeyId, DateTimeOffset CreatedAt);

    private sealed record AlertView(Guid CandidateId, DateTimeOffset MatchedAt);

    private sealed record DetailsView(Guid Id, string Name, DefinitionView Search, Guid? OwnerKeyId, DateTimeOffset CreatedAt, List<AlertView> RecentAlerts);

    private sealed record PageView(List<SavedView> Items, string? NextCursor);

    private sealed record FeedItemView(Guid SavedSearchId, string SavedSearchName, Guid CandidateId, DateTimeOffset MatchedAt);

    private sealed record FeedView(List<FeedItemView> Items, string? NextCursor);
}
