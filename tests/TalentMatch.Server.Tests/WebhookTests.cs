using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Platform.Security;
using TalentMatch.Modules.Notifications;
using TalentMatch.Modules.Notifications.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Webhooks over HTTP, end to end: subscriptions, signed deliveries to a real local receiver,
/// retries, the delivery log, replay, event filters, tenant isolation and the SSRF guard.
/// </summary>
public sealed partial class WebhookTests : IAsyncLifetime
{
    private const int MaxAttempts = 3;
    private static readonly string[] JobIndexedOnly = ["job.indexed"];
    private static readonly string[] CandidatesMatchedOnly = ["candidates.matched"];
    private static readonly string[] JobIndexedAndRejected = ["job.indexed", "document.rejected"];

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded(new()
    {
        // The receiver listens on loopback: allowed here, refused by default (see the SSRF tests).
        ["TalentMatch:Notifications:AllowPrivateTargets"] = "true",
        ["TalentMatch:Notifications:MaxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture),
        ["TalentMatch:Notifications:RetryDelays:0"] = "00:00:00.200",
        ["TalentMatch:Notifications:RetryDelays:1"] = "00:00:00.300",
        ["TalentMatch:Notifications:PollInterval"] = "00:00:00.100",
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
    public async Task Finished_deliveries_leave_the_log_after_the_retention()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var hook = await CreateWebhookAsync(client, _receiver.Url("/retention"), WebhookEventTypes.DocumentRejected);
        var now = TimeProvider.System.GetUtcNow();
        WebhookDelivery Delivery(DeliveryStatus status, TimeSpan age) => new()
        {
            Id = Guid.NewGuid(), TenantId = tenant, SubscriptionId = hook.Id, EventId = Guid.NewGuid(), EventType = WebhookEventTypes.DocumentRejected,
            Payload = "{}", Status = status, DueAtUnixMs = (now - age).ToUnixTimeMilliseconds(), CreatedAt = now - age,
        };
        var oldSucceeded = Delivery(DeliveryStatus.Succeeded, TimeSpan.FromDays(31));
        var oldFailed = Delivery(DeliveryStatus.Failed, TimeSpan.FromDays(40));
        var recent = Delivery(DeliveryStatus.Succeeded, TimeSpan.FromDays(29));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            db.Deliveries.AddRange(oldSucceeded, oldFailed, recent);
            await db.SaveChangesAsync(Ct);
        }

        var pruner = _app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DeliveryLogPruner>().Single();
        Assert.Equal(2, await pruner.PruneAsync(Ct));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var left = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Deliveries
                .Where(d => d.SubscriptionId == hook.Id).Select(d => d.Id).ToListAsync(Ct);
            Assert.Equal([recent.Id], left);
        }
    }

    [Fact]
    public async Task A_delivery_is_signed_with_the_secret_and_carries_the_event_headers()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var hook = await CreateWebhookAsync(client, _receiver.Url("/signed"), WebhookEventTypes.DocumentRejected);
        Assert.StartsWith("whsec_", hook.Secret, StringComparison.Ordinal);

        var documentId = Guid.NewGuid();
        await PublishAsync(new DocumentRejectedAnnounced(documentId, tenant, DocumentKind.Resume, "empty-document", "no text"));

        var request = (await _receiver.WaitForAsync("/signed", 1))[0];
        Assert.Equal("application/json", request.ContentType?.Split(';')[0]);
        var timestamp = long.Parse(request.Header("TalentMatch-Timestamp"), CultureInfo.InvariantCulture);
        Assert.Equal(ExpectedSignature(hook.Secret, timestamp, request.Body), request.Header("TalentMatch-Signature"));
        Assert.NotEqual(ExpectedSignature("whsec_other", timestamp, request.Body), request.Header("TalentMatch-Signature"));
        Assert.Equal("document.rejected", request.Header("TalentMatch-Event-Type"));

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(request.Header("TalentMatch-Event-Id"), root.GetProperty("id").GetString());
        Assert.Equal("document.rejected", root.GetProperty("type").GetString());
        Assert.Equal(tenant, root.GetProperty("tenantId").GetString());
        Assert.True(root.TryGetProperty("createdAt", out _));
        Assert.Equal(documentId.ToString(), root.GetProperty("data").GetProperty("documentId").GetString());
        Assert.Equal("resume", root.GetProperty("data").GetProperty("kind").GetString());
        Assert.Equal("empty-document", root.GetProperty("data").GetProperty("reason").GetString());

        var delivery = await WaitForDeliveryAsync(client, hook.Id, d => d.Status == "succeeded");
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(200, delivery.LastStatusCode);
        Assert.Equal(Guid.Parse(request.Header("TalentMatch-Event-Id")), delivery.EventId);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Fact]
    public async Task An_indexed_candidate_is_announced_to_the_tenants_webhook()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        await CreateWebhookAsync(client, _receiver.Url("/pipeline"), WebhookEventTypes.CandidateIndexed);

        using var resume = new StringContent("ML engineer. 5 years of PyTorch and DeepSpeed.", Encoding.UTF8, "text/plain");
        using var submitted = await client.PostAsync("/v1/candidates", resume, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var candidate = await Pipeline.WaitUntilSettledAsync(client, submitted.Headers.Location!);

        var request = (await _receiver.WaitForAsync("/pipeline", 1))[0];
        Assert.Equal("candidate.indexed", request.Header("TalentMatch-Event-Type"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(candidate.Id.ToString(), body.RootElement.GetProperty("data").GetProperty("candidateId").GetString());
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_with_the_same_event_id_until_it_succeeds()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var hook = await CreateWebhookAsync(client, _receiver.Url("/flaky"), WebhookEventTypes.DocumentRejected);
        _receiver.Plan("/flaky", 500, 200);

        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Job, "empty-document", ""));

        var requests = await _receiver.WaitForAsync("/flaky", 2);
        Assert.Equal(requests[0].Header("TalentMatch-Event-Id"), requests[1].Header("TalentMatch-Event-Id"));
        Assert.Equal(Encoding.UTF8.GetString(requests[0].Body), Encoding.UTF8.GetString(requests[1].Body));
        var delivery = await WaitForDeliveryAsync(client, hook.Id, d => d.Status == "succeeded");
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(200, delivery.LastStatusCode);
    }

    [Fact]
    public async Task A_delivery_fails_after_the_last_attempt_and_a_replay_sends_it_again()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var hook = await CreateWebhookAsync(client, _receiver.Url("/down"), WebhookEventTypes.DocumentRejected);
        _receiver.Plan("/down", [.. Enumerable.Repeat(503, MaxAttempts), 204]);

        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Job, "empty-document", ""));

        var failed = await WaitForDeliveryAsync(client, hook.Id, d => d.Status == "failed");
        Assert.Equal(MaxAttempts, failed.Attempts);
        Assert.Equal(503, failed.LastStatusCode);
        Assert.Equal("HTTP 503 Service Unavailable", failed.LastError); // the standard phrase, not the answer
        Assert.Equal(MaxAttempts, _receiver.Received("/down").Count);

        using var replay = await client.PostAsync($"/v1/webhooks/{hook.Id}/deliveries/{failed.Id}/replay", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal("pending", (await replay.Content.ReadFromJsonAsync<DeliveryView>(Pipeline.Json, Ct))!.Status);

        var replayed = await WaitForDeliveryAsync(client, hook.Id, d => d.Status == "succeeded");
        Assert.Equal(failed.Id, replayed.Id);
        Assert.Equal(204, replayed.LastStatusCode);
        var requests = _receiver.Received("/down");
        Assert.Equal(MaxAttempts + 1, requests.Count);
        Assert.Equal(failed.EventId.ToString(), requests[^1].Header("TalentMatch-Event-Id"));
    }

    [Fact]
    public async Task Only_the_event_types_a_webhook_subscribed_to_are_sent()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        await CreateWebhookAsync(client, _receiver.Url("/everything"), [.. WebhookEventTypes.All]);
        var matchesOnly = await CreateWebhookAsync(client, _receiver.Url("/matches-only"), WebhookEventTypes.CandidatesMatched);

        // The catch-all webhook receiving it proves the event was processed (every delivery of an
        // event is recorded at once): the filtered webhook had its chance and must not get it.
        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Resume, "empty-document", ""));
        await _receiver.WaitForAsync("/everything", 1);
        var jobId = Guid.NewGuid();
        await PublishAsync(new CandidatesMatchedToJob(jobId, tenant, [new CandidateMatch(Guid.NewGuid(), 0.8)], TimeProvider.System.GetUtcNow()));

        var request = (await _receiver.WaitForAsync("/matches-only", 1))[0];
        Assert.Equal("candidates.matched", request.Header("TalentMatch-Event-Type"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(jobId.ToString(), body.RootElement.GetProperty("data").GetProperty("jobId").GetString());
        Assert.Equal(0.8, body.RootElement.GetProperty("data").GetProperty("matches")[0].GetProperty("score").GetDouble());
        Assert.StartsWith("These scores are recommendations for a person to review", body.RootElement.GetProperty("data").GetProperty("recommendation").GetString(), StringComparison.Ordinal);
        var log = await client.GetFromJsonAsync<DeliveryPageView>($"/v1/webhooks/{matchesOnly.Id}/deliveries", Pipeline.Json, Ct);
        Assert.Equal(CandidatesMatchedOnly, log!.Items.Select(d => d.EventType));
        Assert.All(_receiver.Received("/matches-only"), r => Assert.Equal("candidates.matched", r.Header("TalentMatch-Event-Type")));
    }

    [Fact]
    public async Task A_redelivered_event_creates_one_delivery()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var hook = await CreateWebhookAsync(client, _receiver.Url("/once"), WebhookEventTypes.JobIndexed, WebhookEventTypes.RolesMatched);
        var consumed = new ConsumedMessages();
        using var observer = _app.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);

        var eventId = Guid.NewGuid();
        var message = new RolesMatchedToCandidate(Guid.NewGuid(), tenant, [new RoleMatch(Guid.NewGuid(), 0.7)], TimeProvider.System.GetUtcNow());
        await PublishAsync(message, eventId);
        await PublishAsync(message, eventId);
        await WaitUntilAsync(() => consumed.Count(eventId, "webhook-event") >= 2, "both copies consumed by the webhook consumer");

        var log = await client.GetFromJsonAsync<DeliveryPageView>($"/v1/webhooks/{hook.Id}/deliveries", Pipeline.Json, Ct);
        Assert.Equal(eventId, Assert.Single(log!.Items).EventId);
    }

    [Fact]
    public async Task A_tenants_events_never_reach_another_tenants_webhook()
    {
        var (alice, aliceClient) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var (_, bobClient) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        await CreateWebhookAsync(aliceClient, _receiver.Url("/alice"), [.. WebhookEventTypes.All]);
        var bobs = await CreateWebhookAsync(bobClient, _receiver.Url("/bob"), [.. WebhookEventTypes.All]);

        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), alice, DocumentKind.Resume, "empty-document", ""));

        var request = (await _receiver.WaitForAsync("/alice", 1))[0];
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(alice, body.RootElement.GetProperty("tenantId").GetString());
        // Alice's delivery exists, so the event has been processed for every subscription.
        Assert.Empty(_receiver.Received("/bob"));
        var bobsLog = await bobClient.GetFromJsonAsync<DeliveryPageView>($"/v1/webhooks/{bobs.Id}/deliveries", Pipeline.Json, Ct);
        Assert.Empty(bobsLog!.Items);
    }

    [Fact]
    public async Task Another_tenants_webhook_and_deliveries_are_404()
    {
        var (alice, aliceClient) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var (_, mallory) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var alices = await CreateWebhookAsync(aliceClient, _receiver.Url("/private"), WebhookEventTypes.DocumentRejected);
        var mallorys = await CreateWebhookAsync(mallory, _receiver.Url("/mallory"), WebhookEventTypes.DocumentRejected);
        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), alice, DocumentKind.Resume, "empty-document", ""));
        var delivery = await WaitForDeliveryAsync(aliceClient, alices.Id, d => d.Status == "succeeded");

        await ProblemAssert.IsProblemAsync(await mallory.GetAsync($"/v1/webhooks/{alices.Id}", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await mallory.GetAsync($"/v1/webhooks/{alices.Id}/deliveries", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await mallory.PostAsync($"/v1/webhooks/{alices.Id}/rotate-secret", null, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await mallory.PostAsync($"/v1/webhooks/{alices.Id}/deliveries/{delivery.Id}/replay", null, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await mallory.PostAsync($"/v1/webhooks/{mallorys.Id}/deliveries/{delivery.Id}/replay", null, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await mallory.DeleteAsync($"/v1/webhooks/{alices.Id}", Ct), HttpStatusCode.NotFound, "not-found");
        var listed = await mallory.GetFromJsonAsync<WebhookListView>("/v1/webhooks", Pipeline.Json, Ct);
        Assert.Equal(new[] { mallorys.Id }, listed!.Items.Select(h => h.Id));

        // Alice's webhook is untouched by all that.
        using var still = await aliceClient.GetAsync($"/v1/webhooks/{alices.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Webhooks_need_the_webhooks_scope()
    {
        var (_, reader) = await _app.CreateTenantClientAsync(Scopes.CandidatesRead, Scopes.Search);
        await ProblemAssert.IsProblemAsync(await reader.GetAsync("/v1/webhooks", Ct), HttpStatusCode.Forbidden, "insufficient-scope");
        await ProblemAssert.IsProblemAsync(
            await reader.PostAsJsonAsync("/v1/webhooks", new { url = _receiver.Url("/x"), events = JobIndexedOnly }, Ct),
            HttpStatusCode.Forbidden, "insufficient-scope");
        using var anonymous = _app.CreateClient();
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/v1/webhooks", Ct), HttpStatusCode.Unauthorized, "missing-api-key");
    }

    [Fact]
    public async Task Reading_rotating_and_deleting_a_webhook()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var hook = await CreateWebhookAsync(client, _receiver.Url("/rotate"), WebhookEventTypes.JobIndexed, WebhookEventTypes.DocumentRejected);

        var read = await client.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{hook.Id}", Ct);
        Assert.Equal(_receiver.Url("/rotate"), read.GetProperty("url").GetString());
        Assert.Equal(JobIndexedAndRejected, read.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.False(read.TryGetProperty("secret", out _));
        Assert.DoesNotContain(hook.Secret, await client.GetStringAsync("/v1/webhooks", Ct), StringComparison.Ordinal);

        using var rotated = await client.PostAsync($"/v1/webhooks/{hook.Id}/rotate-secret", null, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<WebhookView>(Pipeline.Json, Ct))!.Secret;
        Assert.NotEqual(hook.Secret, newSecret);

        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Resume, "empty-document", ""));
        var request = (await _receiver.WaitForAsync("/rotate", 1))[0];
        var timestamp = long.Parse(request.Header("TalentMatch-Timestamp"), CultureInfo.InvariantCulture);
        Assert.Equal(ExpectedSignature(newSecret, timestamp, request.Body), request.Header("TalentMatch-Signature"));
        Assert.NotEqual(ExpectedSignature(hook.Secret, timestamp, request.Body), request.Header("TalentMatch-Signature"));

        using var deleted = await client.DeleteAsync($"/v1/webhooks/{hook.Id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/webhooks/{hook.Id}", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await client.DeleteAsync($"/v1/webhooks/{hook.Id}", Ct), HttpStatusCode.NotFound, "not-found");
        Assert.Empty((await client.GetFromJsonAsync<WebhookListView>("/v1/webhooks", Pipeline.Json, Ct))!.Items);
    }

    [Fact]
    public async Task Creating_a_webhook_twice_with_one_idempotency_key_creates_it_once_and_shows_its_secret_once()
    {
        var (_, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks")
            {
                Content = JsonContent.Create(new { url = _receiver.Url("/idempotent"), events = JobIndexedOnly }),
            };
            request.Headers.Add("Idempotency-Key", "create-hook-1");
            responses.Add(await client.SendAsync(request, Ct));
        }

        using var first = responses[0];
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<WebhookView>(Pipeline.Json, Ct))!;
        Assert.Equal(first.Headers.Location, responses[1].Headers.Location);
        await ProblemAssert.IsProblemAsync(responses[1], HttpStatusCode.Conflict, "secret-not-replayed");
        Assert.Equal(created.Id, Assert.Single((await client.GetFromJsonAsync<WebhookListView>("/v1/webhooks", Pipeline.Json, Ct))!.Items).Id);
    }

    [Fact]
    public async Task The_delivery_log_pages_newest_first()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var hook = await CreateWebhookAsync(client, _receiver.Url("/paged"), WebhookEventTypes.DocumentRejected);
        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Resume, "empty-document", ""));
        await _receiver.WaitForAsync("/paged", 1);
        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Resume, "empty-document", ""));
        await _receiver.WaitForAsync("/paged", 2);

        var first = await client.GetFromJsonAsync<DeliveryPageView>($"/v1/webhooks/{hook.Id}/deliveries?limit=1", Pipeline.Json, Ct);
        Assert.Single(first!.Items);
        Assert.NotNull(first.NextCursor);
        var second = await client.GetFromJsonAsync<DeliveryPageView>(
            $"/v1/webhooks/{hook.Id}/deliveries?limit=1&cursor={first.NextCursor}", Pipeline.Json, Ct);
        Assert.Single(second!.Items);
        Assert.True(first.Items[0].CreatedAt >= second.Items[0].CreatedAt);
        Assert.NotEqual(first.Items[0].Id, second.Items[0].Id);
        Assert.Null(second.NextCursor);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "{\"url\": \"http://x", "malformed-json" },
        { "{\"url\": 42, \"events\": [\"job.indexed\"]}", "malformed-json" },
        { "null", "invalid-webhook-url" },
        { "{\"events\": [\"job.indexed\"]}", "invalid-webhook-url" },
        { "{\"url\": \"/relative/path\", \"events\": [\"job.indexed\"]}", "invalid-webhook-url" },
        { "{\"url\": \"ftp://example.com/hook\", \"events\": [\"job.indexed\"]}", "invalid-webhook-url" },
        { "{\"url\": \"file:///etc/passwd\", \"events\": [\"job.indexed\"]}", "invalid-webhook-url" },
        { "{\"url\": \"http://user:pw@127.0.0.1/hook\", \"events\": [\"job.indexed\"]}", "invalid-webhook-url" },
        { "{\"url\": \"http://127.0.0.1/hook\"}", "invalid-event-types" },
        { "{\"url\": \"http://127.0.0.1/hook\", \"events\": []}", "invalid-event-types" },
        { "{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"job.indexed\", \"job.hired\"]}", "invalid-event-types" },
        { "{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"JobIndexed\"]}", "invalid-event-types" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_400_with_its_problem_type(string body, string type)
    {
        var (_, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/v1/webhooks", content, Ct), HttpStatusCode.BadRequest, type);
        Assert.Empty((await client.GetFromJsonAsync<WebhookListView>("/v1/webhooks", Pipeline.Json, Ct))!.Items);
    }

    [Fact]
    public async Task A_url_over_2048_characters_is_400()
    {
        var (_, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        using var response = await client.PostAsJsonAsync("/v1/webhooks",
            new { url = _receiver.Url("/" + new string('a', 2048)), events = JobIndexedOnly }, Ct);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-webhook-url");
    }

    [Fact]
    public async Task Bad_paging_and_ids_are_4xx_problems()
    {
        var (_, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var hook = await CreateWebhookAsync(client, _receiver.Url("/paging"), WebhookEventTypes.JobIndexed);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/webhooks/{hook.Id}/deliveries?limit=0", Ct), HttpStatusCode.BadRequest, "invalid-limit");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/webhooks/{hook.Id}/deliveries?limit=101", Ct), HttpStatusCode.BadRequest, "invalid-limit");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/webhooks/{hook.Id}/deliveries?cursor=nope", Ct), HttpStatusCode.BadRequest, "invalid-cursor");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/webhooks/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(
            await client.PostAsync($"/v1/webhooks/{hook.Id}/deliveries/{Guid.NewGuid()}/replay", null, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/webhooks/not-a-guid", Ct), HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task A_tenant_has_at_most_20_webhooks()
    {
        var (_, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        for (var i = 0; i < 20; i++)
        {
            await CreateWebhookAsync(client, _receiver.Url($"/many/{i}"), WebhookEventTypes.JobIndexed);
        }

        await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync("/v1/webhooks", new { url = _receiver.Url("/many/21"), events = JobIndexedOnly }, Ct),
            HttpStatusCode.Conflict, "too-many-webhooks");

        // Deleting one makes room again; another tenant was never limited by these.
        var first = (await client.GetFromJsonAsync<WebhookListView>("/v1/webhooks", Pipeline.Json, Ct))!.Items[0];
        using (await client.DeleteAsync($"/v1/webhooks/{first.Id}", Ct))
        {
        }

        await CreateWebhookAsync(client, _receiver.Url("/many/again"), WebhookEventTypes.JobIndexed);
        var (_, other) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        await CreateWebhookAsync(other, _receiver.Url("/many/other"), WebhookEventTypes.JobIndexed);
    }

    [Fact]
    public void The_signature_is_hmac_sha256_over_timestamp_dot_body()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":\"x\"}");
        // Computed independently (Python hmac) for secret "whsec_test-secret", timestamp 1700000000.
        const string expected = "v1=ed4177d50172b5359e3ab529be16f976d5b1f2888104b3919aaea6db6979870c";
        Assert.Equal(expected, WebhookSignature.Sign("whsec_test-secret", 1700000000, body));
        Assert.True(WebhookSignature.Verify("whsec_test-secret", 1700000000, body, expected));
        Assert.False(WebhookSignature.Verify("whsec_test-secret", 1700000001, body, expected));
        Assert.False(WebhookSignature.Verify("whsec_other", 1700000000, body, expected));
        Assert.False(WebhookSignature.Verify("whsec_test-secret", 1700000000, body, null));
        Assert.NotEqual(WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
    }

    private async Task PublishAsync<T>(T message, Guid? messageId = null)
        where T : class =>
        await _app.Services.GetRequiredService<IBus>().Publish(message, context =>
        {
            if (messageId is Guid id)
            {
                context.MessageId = id;
            }
        }, Ct);

    private static async Task<WebhookView> CreateWebhookAsync(HttpClient client, string url, params string[] events)
    {
        using var response = await client.PostAsJsonAsync("/v1/webhooks", new { url, events }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<WebhookView>(Pipeline.Json, Ct))!;
        Assert.Equal($"/v1/webhooks/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(events, created.Events);
        return created;
    }

    /// <summary>Polls the delivery log until its newest delivery satisfies <paramref name="done"/> (bounded).</summary>
    private static async Task<DeliveryView> WaitForDeliveryAsync(HttpClient client, Guid webhookId, Func<DeliveryView, bool> done)
    {
        DeliveryView? last = null;
        await WaitUntilAsync(async () =>
        {
            var page = await client.GetFromJsonAsync<DeliveryPageView>($"/v1/webhooks/{webhookId}/deliveries", Pipeline.Json, Ct);
            last = page!.Items.FirstOrDefault();
            return last is not null && done(last);
        }, $"delivery of webhook {webhookId} (last: {last})");
        return last!;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => Eventually.HoldsAsync(condition, what);

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => Eventually.HoldsAsync(condition, what);

    /// <summary>What a receiver computes, written independently of the server's code.</summary>
    private static string ExpectedSignature(string secret, long timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    private sealed record WebhookView(Guid Id, string Url, List<string> Events, DateTimeOffset CreatedAt, string Secret);

    private sealed record WebhookListView(List<WebhookView> Items);

    private sealed record DeliveryView(
        Guid Id, Guid EventId, string EventType, string Status, int Attempts, DateTimeOffset? NextAttemptAt,
        int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt);

    private sealed record DeliveryPageView(List<DeliveryView> Items, string? NextCursor);
}
