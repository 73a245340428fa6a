using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Modules.Api.Access;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>Idempotency-Key on POST, the way a client retrying after a timeout uses it.</summary>
public sealed class IdempotencyTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static readonly string[] SearchScope = ["search"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request, Ct);
    }

    private sealed record ListPage(List<object> Items);

    [Fact]
    public async Task The_same_key_and_body_returns_the_first_response_and_creates_one_candidate()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(client, "/v1/candidates", "PyTorch engineer", key);
        using var second = await PostAsync(client, "/v1/candidates", "PyTorch engineer", key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var page = await client.GetFromJsonAsync<ListPage>("/v1/candidates", Pipeline.Json, Ct);
        Assert.Single(page!.Items);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync(client, "/v1/candidates", "PyTorch engineer", key);

        await ProblemAssert.IsProblemAsync(await PostAsync(client, "/v1/candidates", "TensorFlow engineer", key),
            HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        await ProblemAssert.IsProblemAsync(await PostAsync(client, "/v1/jobs", "PyTorch engineer", key),
            HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
    }

    [Fact]
    public async Task Keys_belong_to_a_tenant()
    {
        var (_, alice) = await _app.CreateTenantClientAsync();
        var (_, bob) = await _app.CreateTenantClientAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(alice, "/v1/candidates", "PyTorch engineer", key);
        using var second = await PostAsync(bob, "/v1/candidates", "PyTorch engineer", key);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_rejected_request_is_replayed_as_rejected()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var key = Guid.NewGuid().ToString();

        await ProblemAssert.IsProblemAsync(await PostAsync(client, "/v1/jobs", "   ", key), HttpStatusCode.BadRequest, "empty-document");
        await ProblemAssert.IsProblemAsync(await PostAsync(client, "/v1/jobs", "   ", key), HttpStatusCode.BadRequest, "empty-document");
    }

    [Fact]
    public async Task Without_a_key_every_post_creates_a_new_document()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        using var first = await PostAsync(client, "/v1/candidates", "PyTorch engineer", key: null);
        using var second = await PostAsync(client, "/v1/candidates", "PyTorch engineer", key: null);
        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ключ")]
    public async Task A_malformed_key_is_400(string key)
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/candidates") { Content = new StringContent("PyTorch", Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        await ProblemAssert.IsProblemAsync(await client.SendAsync(request, Ct), HttpStatusCode.BadRequest, "invalid-idempotency-key");
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_400()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        await ProblemAssert.IsProblemAsync(await PostAsync(client, "/v1/candidates", "PyTorch", new string('k', 256)),
            HttpStatusCode.BadRequest, "invalid-idempotency-key");
    }

    [Fact]
    public async Task An_api_key_created_twice_with_one_idempotency_key_is_one_key_whose_secret_is_shown_once()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> CreateAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/api-keys")
            {
                Content = JsonContent.Create(new { name = "retry", scopes = SearchScope }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await admin.SendAsync(request, Ct);
        }

        using var first = await CreateAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await CreateAsync();
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "secret-not-replayed");
        var keys = await admin.GetFromJsonAsync<JsonElement>("/v1/api-keys", Ct);
        Assert.Single(keys.GetProperty("items").EnumerateArray(), k => k.GetProperty("name").GetString() == "retry");
    }

    [Fact]
    public async Task Keys_are_stored_hashed_and_records_past_24_hours_are_pruned_though_their_key_never_comes_back()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        using var fresh = await PostAsync(client, "/v1/candidates", "PyTorch engineer", "fresh-key-jane-doe");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                TenantId = tenant, Key = IdempotencyStore.StoredKey("old-key"), Fingerprint = "x",
                CreatedAt = TimeProvider.System.GetUtcNow() - TimeSpan.FromHours(25), StatusCode = 202, Body = [],
            });
            await db.SaveChangesAsync(Ct);
        }

        var pruner = _app.Services.GetServices<IHostedService>().OfType<IdempotencyPruner>().Single();
        Assert.True(await pruner.PruneAsync(Ct) >= 1);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var keys = await scope.ServiceProvider.GetRequiredService<ApiDbContext>().IdempotencyRecords
                .Where(r => r.TenantId == tenant).Select(r => r.Key).ToListAsync(Ct);
            Assert.Equal([IdempotencyStore.StoredKey("fresh-key-jane-doe")], keys);
        }
    }
}
