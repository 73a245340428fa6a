using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Modules.Notifications;
using TalentMatch.Modules.Notifications.Persistence;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Webhooks against hostile input and abuse (issue 15): the SSRF rule at subscription and at
/// delivery, what the delivery log lets a tenant read, and signing secrets at rest.
/// </summary>
public sealed partial class WebhookTests
{
    private static readonly string[] PrivateTargets =
    [
        "http://127.0.0.1:8080/hook",
        "http://127.1.2.3/hook",
        "http://localhost/hook",
        "http://[::1]/hook",
        "http://0.0.0.0/hook",
        "http://10.1.2.3/hook",
        "http://172.16.0.1/hook",
        "http://172.31.255.254/hook",
        "http://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "https://[fd00::1]/hook",
        "http://[fe80::1]/hook",
        "http://[::ffff:10.0.0.1]/hook",
        "http://[::]/hook",
    ];

    [Fact]
    public async Task Private_targets_are_refused_when_subscribing_by_default()
    {
        await using var app = TalentMatchApp.Embedded();
        var (_, client) = await app.CreateTenantClientAsync(Scopes.Webhooks);
        foreach (var url in PrivateTargets)
        {
            using var response = await client.PostAsJsonAsync("/v1/webhooks", new { url, events = JobIndexedOnly }, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {response.StatusCode}");
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "webhook-target-forbidden");
        }

        Assert.Empty((await client.GetFromJsonAsync<WebhookListView>("/v1/webhooks", Pipeline.Json, Ct))!.Items);
    }

    /// <summary>Special-purpose blocks the old block-list let through (issue 15): refused like the others.</summary>
    private static readonly string[] SpecialPurposeTargets =
    [
        "http://[::127.0.0.1]/hook", // IPv4-compatible loopback
        "http://[64:ff9b:1::7f00:1]/hook", // local-use NAT64 of 127.0.0.1
        "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook", // Teredo
        "http://198.18.0.1/hook", // benchmarking
        "http://192.0.0.1/hook", // IETF protocol assignments
    ];

    [Fact]
    public async Task Special_purpose_targets_are_refused_like_private_ones()
    {
        await using var app = TalentMatchApp.Embedded();
        var (_, client) = await app.CreateTenantClientAsync(Scopes.Webhooks);
        using var loopback = await client.PostAsJsonAsync("/v1/webhooks", new { url = "http://127.0.0.1/hook", events = JobIndexedOnly }, Ct);
        var expected = (loopback.StatusCode, ProblemType: await ProblemTypeAsync(loopback));
        Assert.Equal((HttpStatusCode.BadRequest, "urn:talentmatch:problem:webhook-target-forbidden"), expected);
        foreach (var url in SpecialPurposeTargets)
        {
            using var response = await client.PostAsJsonAsync("/v1/webhooks", new { url, events = JobIndexedOnly }, Ct);
            Assert.True(expected == (response.StatusCode, await ProblemTypeAsync(response)), $"{url}: {response.StatusCode}");
        }

        Assert.Empty((await client.GetFromJsonAsync<WebhookListView>("/v1/webhooks", Pipeline.Json, Ct))!.Items);

        static async Task<string?> ProblemTypeAsync(HttpResponseMessage response)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            return problem.RootElement.GetProperty("type").GetString();
        }
    }

    [Fact]
    public async Task A_target_that_turns_private_after_subscribing_is_refused_at_delivery()
    {
        await using var app = TalentMatchApp.Embedded(new()
        {
            ["TalentMatch:Notifications:MaxAttempts"] = "2",
            ["TalentMatch:Notifications:RetryDelays:0"] = "00:00:00.100",
            ["TalentMatch:Notifications:PollInterval"] = "00:00:00.100",
        });
        var (tenant, client) = await app.CreateTenantClientAsync(Scopes.Webhooks);

        // What DNS rebinding achieves: a subscription whose host was public when it was checked
        // and now points at the loopback receiver. Written directly, as the API would have.
        var id = Guid.CreateVersion7();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            db.Subscriptions.Add(new WebhookSubscription
            {
                Id = id,
                TenantId = tenant,
                Url = _receiver.Url("/rebound"),
                EventTypes = WebhookEventTypes.DocumentRejected,
                Secret = WebhookSignature.NewSecret(),
                CreatedAt = TimeProvider.System.GetUtcNow(),
            });
            await db.SaveChangesAsync(Ct);
        }

        await app.Services.GetRequiredService<IBus>().Publish(
            new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Resume, "empty-document", ""), Ct);

        var failed = await WaitForDeliveryAsync(client, id, d => d.Status == "failed");
        Assert.Equal(2, failed.Attempts);
        Assert.Null(failed.LastStatusCode);
        Assert.Equal("target address not allowed", failed.LastError);
        Assert.Empty(_receiver.Received("/rebound"));
    }

    [Fact]
    public async Task The_delivery_log_keeps_the_status_and_its_standard_phrase_never_the_receivers_answer()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var hook = await CreateWebhookAsync(client, _receiver.Url("/error-page"), WebhookEventTypes.DocumentRejected);
        _receiver.Plan("/error-page", [.. Enumerable.Repeat(500, MaxAttempts)]);

        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Resume, "empty-document", ""));

        var failed = await WaitForDeliveryAsync(client, hook.Id, d => d.Status == "failed");
        Assert.Equal(500, failed.LastStatusCode);
        Assert.Equal("HTTP 500 Internal Server Error", failed.LastError);
        var log = await client.GetStringAsync($"/v1/webhooks/{hook.Id}/deliveries", Ct);
        Assert.DoesNotContain(WebhookReceiver.ErrorMarker, log, StringComparison.Ordinal);
        Assert.DoesNotContain("planned", log, StringComparison.Ordinal);
        Assert.Equal(MaxAttempts, _receiver.Received("/error-page").Count);
    }

    [Fact]
    public async Task A_transport_failure_is_logged_as_its_category_without_the_exception_message()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var refused = await CreateWebhookAsync(client, $"http://127.0.0.1:{closedPort}/hook", WebhookEventTypes.DocumentRejected);
        var notTls = await CreateWebhookAsync(client, _receiver.Url("/plain").Replace("http://", "https://", StringComparison.Ordinal), WebhookEventTypes.DocumentRejected);

        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Resume, "empty-document", ""));

        var connection = await WaitForDeliveryAsync(client, refused.Id, d => d.Status == "failed");
        Assert.Null(connection.LastStatusCode);
        Assert.Equal("connection refused", connection.LastError);
        var handshake = await WaitForDeliveryAsync(client, notTls.Id, d => d.Status == "failed");
        Assert.Null(handshake.LastStatusCode);
        Assert.Equal("TLS handshake failed", handshake.LastError);
    }

    [Fact]
    public async Task No_signing_secret_is_at_rest_in_the_clear_and_deliveries_still_verify()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);

        // With Idempotency-Keys: the store keeps what it needs for a replay, never the secret itself.
        HttpRequestMessage Create()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks")
            {
                Content = JsonContent.Create(new { url = _receiver.Url("/at-rest"), events = new[] { WebhookEventTypes.DocumentRejected } }),
            };
            request.Headers.Add("Idempotency-Key", "at-rest-create");
            return request;
        }

        using var createRequest = Create();
        using var createResponse = await client.SendAsync(createRequest, Ct);
        Assert.Equal(HttpStatusCode.Created, createResponse.StatusCode);
        var first = (await createResponse.Content.ReadFromJsonAsync<WebhookView>(Pipeline.Json, Ct))!;
        Assert.StartsWith("whsec_", first.Secret, StringComparison.Ordinal);
        using var replayRequest = Create();
        await ProblemAssert.IsProblemAsync(await client.SendAsync(replayRequest, Ct), HttpStatusCode.Conflict, "secret-not-replayed");
        using var rotate = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{first.Id}/rotate-secret");
        rotate.Headers.Add("Idempotency-Key", "at-rest-rotate");
        using var rotated = await client.SendAsync(rotate, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var secret = (await rotated.Content.ReadFromJsonAsync<WebhookView>(Pipeline.Json, Ct))!.Secret;
        var other = await CreateWebhookAsync(client, _receiver.Url("/at-rest-other"), WebhookEventTypes.DocumentRejected);

        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Resume, "empty-document", ""));
        foreach (var (path, key) in new[] { ("/at-rest", secret), ("/at-rest-other", other.Secret) })
        {
            var delivered = (await _receiver.WaitForAsync(path, 1))[0];
            var timestamp = long.Parse(delivered.Header("TalentMatch-Timestamp"), CultureInfo.InvariantCulture);
            Assert.Equal(ExpectedSignature(key, timestamp, delivered.Body), delivered.Header("TalentMatch-Signature"));
        }

        await WaitForDeliveryAsync(client, first.Id, d => d.Status == "succeeded");
        var files = Directory.EnumerateFiles(_app.DataDirectory, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("talentmatch.db-wal", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        string[] secrets = [first.Secret, secret, other.Secret];
        foreach (var file in files)
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, Ct);
                bytes = copy.ToArray();
            }

            Assert.True(bytes.AsSpan().IndexOf("whsec_"u8) < 0, $"'whsec_' in {file}");
            foreach (var issued in secrets)
            {
                var random = Encoding.ASCII.GetBytes(issued["whsec_".Length..]);
                Assert.True(bytes.AsSpan().IndexOf(random) < 0, $"a secret's random part in {file}");
            }
        }
    }

    [Fact]
    public async Task A_secret_stored_in_the_clear_before_protection_still_signs_and_is_protected_on_its_next_delivery()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var legacy = WebhookSignature.NewSecret();
        var id = Guid.CreateVersion7();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            db.Subscriptions.Add(new WebhookSubscription
            {
                Id = id, TenantId = tenant, Url = _receiver.Url("/legacy"), EventTypes = WebhookEventTypes.DocumentRejected,
                Secret = legacy, CreatedAt = TimeProvider.System.GetUtcNow(),
            });
            await db.SaveChangesAsync(Ct);
        }

        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Resume, "empty-document", ""));

        var request = (await _receiver.WaitForAsync("/legacy", 1))[0];
        var timestamp = long.Parse(request.Header("TalentMatch-Timestamp"), CultureInfo.InvariantCulture);
        Assert.Equal(ExpectedSignature(legacy, timestamp, request.Body), request.Header("TalentMatch-Signature"));
        await WaitForDeliveryAsync(client, id, d => d.Status == "succeeded");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Subscriptions
                .AsNoTracking().Where(s => s.Id == id).Select(s => s.Secret).SingleAsync(Ct);
            Assert.False(WebhookSecrets.IsLegacyPlaintext(stored));
            Assert.Equal(legacy, _app.Services.GetRequiredService<WebhookSecrets>().Unprotect(stored));
        }
    }

    [Fact]
    public async Task A_secret_whose_key_is_not_in_the_key_ring_fails_its_deliveries_unsent()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync(Scopes.Webhooks);
        var elsewhere = Directory.CreateTempSubdirectory("talentmatch-other-keys-");
        string foreign;
        try
        {
            foreign = DataProtectionProvider.Create(elsewhere, b => b.SetApplicationName(KeyRing.ApplicationName))
                .CreateProtector(WebhookSecrets.Purpose).Protect(WebhookSignature.NewSecret());
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }

        var id = Guid.CreateVersion7();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            db.Subscriptions.Add(new WebhookSubscription
            {
                Id = id, TenantId = tenant, Url = _receiver.Url("/lost-key"), EventTypes = WebhookEventTypes.DocumentRejected,
                Secret = foreign, CreatedAt = TimeProvider.System.GetUtcNow(),
            });
            await db.SaveChangesAsync(Ct);
        }

        await PublishAsync(new DocumentRejectedAnnounced(Guid.NewGuid(), tenant, DocumentKind.Resume, "empty-document", ""));

        var failed = await WaitForDeliveryAsync(client, id, d => d.Status == "failed");
        Assert.Null(failed.LastStatusCode);
        Assert.Equal("signing secret unavailable", failed.LastError);
        Assert.Empty(_receiver.Received("/lost-key"));
    }
}
