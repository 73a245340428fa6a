using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Platform.Security;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>API keys, scopes and tenant isolation, tried the way an attacker or a careless client would.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded(new()
    {
        ["TalentMatch:RateLimit:RequestsPerSecond"] = "1",
        ["TalentMatch:RateLimit:Burst"] = "1000",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_without_a_key_is_401_missing_api_key()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/v1/candidates/0194a0e0-0000-7000-8000-000000000000", Ct);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "missing-api-key");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("tm_0194a0e000007000800000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("tm_0194a0e0000070008000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_or_malformed_key_is_401_invalid_api_key(string key)
    {
        using var client = _app.ClientWithKey(key);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/api-keys", Ct), HttpStatusCode.Unauthorized, "invalid-api-key");
    }

    [Fact]
    public async Task A_real_key_id_with_a_wrong_secret_is_401()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var created = await CreateKey(admin, "reader", [Scopes.CandidatesRead]);
        var forged = created.Key[..^4] + (created.Key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var client = _app.ClientWithKey(forged);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/candidates/0194a0e0-0000-7000-8000-000000000000", Ct), HttpStatusCode.Unauthorized, "invalid-api-key");
    }

    [Fact]
    public async Task The_key_also_works_in_the_X_Api_Key_header()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var created = await CreateKey(admin, "header", [Scopes.Admin]);
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Key);

        using var response = await client.GetAsync("/v1/api-keys", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_endpoints_scope_is_403_insufficient_scope()
    {
        var (_, reader) = await _app.CreateTenantClientAsync(Scopes.CandidatesRead);
        using var post = new StringContent("PyTorch engineer", System.Text.Encoding.UTF8, "text/plain");
        await ProblemAssert.IsProblemAsync(await reader.PostAsync("/v1/candidates", post, Ct), HttpStatusCode.Forbidden, "insufficient-scope");
        await ProblemAssert.IsProblemAsync(await reader.GetAsync("/v1/api-keys", Ct), HttpStatusCode.Forbidden, "insufficient-scope");
        using var job = new StringContent("PyTorch engineer", System.Text.Encoding.UTF8, "text/plain");
        await ProblemAssert.IsProblemAsync(await reader.PostAsync("/v1/jobs", job, Ct), HttpStatusCode.Forbidden, "insufficient-scope");
    }

    [Fact]
    public async Task Another_tenants_candidate_is_404_by_id_even_with_an_admin_key()
    {
        var (_, alice) = await _app.CreateTenantClientAsync();
        var (_, mallory) = await _app.CreateTenantClientAsync();
        using var body = new StringContent("Secret CUDA kernel engineer", System.Text.Encoding.UTF8, "text/plain");
        using var posted = await alice.PostAsync("/v1/candidates", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var location = posted.Headers.Location!;

        await ProblemAssert.IsProblemAsync(await mallory.GetAsync(location, Ct), HttpStatusCode.NotFound, "not-found");
        using var own = await alice.GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_documents_never_appear_in_search()
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..10];
        var (_, alice) = await _app.CreateTenantClientAsync();
        var (_, mallory) = await _app.CreateTenantClientAsync();
        using var body = new StringContent($"FlashAttention contributor {marker}", System.Text.Encoding.UTF8, "text/plain");
        using var posted = await alice.PostAsync("/v1/candidates", body, Ct);
        await Pipeline.WaitUntilSettledAsync(alice, posted.Headers.Location!);

        Assert.Single((await Pipeline.SearchAsync(alice, "candidates", marker)).Hits);
        Assert.Empty((await Pipeline.SearchAsync(mallory, "candidates", marker)).Hits);
    }

    [Fact]
    public async Task Another_tenants_key_cannot_be_listed_revoked_or_rotated()
    {
        var (_, alice) = await _app.CreateTenantClientAsync();
        var (_, mallory) = await _app.CreateTenantClientAsync();
        var alicesKey = await CreateKey(alice, "ci", [Scopes.Search]);

        var listed = await mallory.GetFromJsonAsync<JsonElement>("/v1/api-keys", Ct);
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), k => k.GetProperty("id").GetGuid() == alicesKey.Id);
        await ProblemAssert.IsProblemAsync(await mallory.DeleteAsync($"/v1/api-keys/{alicesKey.Id}", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await mallory.PostAsync($"/v1/api-keys/{alicesKey.Id}/rotate", null, Ct), HttpStatusCode.NotFound, "not-found");

        using var stillWorks = _app.ClientWithKey(alicesKey.Key);
        Assert.Equal(HttpStatusCode.OK, (await stillWorks.GetAsync("/v1/search/candidates?q=pytorch", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_created_key_is_shown_once_and_listed_without_its_secret()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var created = await CreateKey(admin, "ats integration", [Scopes.CandidatesWrite, Scopes.CandidatesRead]);

        Assert.StartsWith("tm_", created.Key, StringComparison.Ordinal);
        var listing = await admin.GetStringAsync("/v1/api-keys", Ct);
        Assert.DoesNotContain(created.Key[^43..], listing, StringComparison.Ordinal);
        Assert.Contains("ats integration", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var created = await CreateKey(admin, "to revoke", [Scopes.Admin]);
        using var client = _app.ClientWithKey(created.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/api-keys", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/api-keys/{created.Id}", Ct)).StatusCode);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/api-keys", Ct), HttpStatusCode.Unauthorized, "invalid-api-key");
    }

    [Fact]
    public async Task Rotating_a_key_returns_a_new_one_with_the_same_scopes_and_revokes_the_old()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var old = await CreateKey(admin, "rotating", [Scopes.Admin]);

        using var rotated = await admin.PostAsync($"/v1/api-keys/{old.Id}/rotate", null, Ct);
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        var fresh = (await rotated.Content.ReadFromJsonAsync<CreatedKey>(Pipeline.Json, Ct))!;

        Assert.NotEqual(old.Key, fresh.Key);
        Assert.Equal(["admin"], fresh.Scopes);
        using var oldClient = _app.ClientWithKey(old.Key);
        using var newClient = _app.ClientWithKey(fresh.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldClient.GetAsync("/v1/api-keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newClient.GetAsync("/v1/api-keys", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"scopes\": []}")]
    [InlineData("{\"name\": \"x\", \"scopes\": [\"root\"]}")]
    [InlineData("{\"scopes\": [\"search\"]}")]
    public async Task A_key_request_with_bad_scopes_or_no_name_is_400(string body)
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/v1/api-keys", content, Ct), HttpStatusCode.BadRequest, "invalid-field");
    }

    [Fact]
    public async Task Past_the_burst_a_key_gets_429_with_Retry_After_and_other_keys_do_not()
    {
        await using var app = TalentMatchApp.Embedded(new()
        {
            ["TalentMatch:RateLimit:RequestsPerSecond"] = "1",
            ["TalentMatch:RateLimit:Burst"] = "3",
        });
        var (_, busy) = await app.CreateTenantClientAsync();
        var (_, other) = await app.CreateTenantClientAsync();

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await busy.GetAsync("/v1/api-keys", Ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/api-keys", Ct)).StatusCode);
    }

    private sealed record CreatedKey(Guid Id, string Name, List<string> Scopes, string Key);

    private static async Task<CreatedKey> CreateKey(HttpClient admin, string name, string[] scopes)
    {
        using var response = await admin.PostAsJsonAsync("/v1/api-keys", new { name, scopes }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedKey>(Pipeline.Json, Ct))!;
    }
}
