using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using TalentMatch.Platform.Security;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>What an attacker with no key, or with one valid key, can make the service do (issue 15).</summary>
public sealed class AbuseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_unauthenticated_requests_from_one_address_get_429_after_the_failed_authentication_burst()
    {
        await using var app = TalentMatchApp.Embedded();
        using var anonymous = app.CreateClient();
        using var guesser = app.ClientWithKey("tm_0123456789abcdef0123456789abcdef_" + new string('A', 43));
        var statuses = new List<HttpStatusCode>();
        var started = Stopwatch.StartNew();

        for (var i = 0; i < 1000; i++)
        {
            using var response = await (i % 2 == 0 ? anonymous : guesser).GetAsync("/v1/candidates", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            }
        }

        var refilled = (int)Math.Ceiling(started.Elapsed.TotalSeconds) + 1; // one failure a second comes back
        var unauthorized = statuses.Count(s => s == HttpStatusCode.Unauthorized);
        Assert.InRange(unauthorized, 30, 30 + refilled);
        Assert.Equal(1000 - unauthorized, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/v1/candidates", Ct), HttpStatusCode.TooManyRequests, "rate-limited");
    }

    [Fact]
    public async Task Past_its_burst_a_client_address_gets_429_whatever_its_keys()
    {
        await using var app = TalentMatchApp.Embedded(new()
        {
            ["TalentMatch:RateLimit:PerAddressRequestsPerSecond"] = "1",
            ["TalentMatch:RateLimit:PerAddressBurst"] = "5",
        });
        var (_, first) = await app.CreateTenantClientAsync();
        var (_, second) = await app.CreateTenantClientAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await (i % 2 == 0 ? first : second).GetAsync("/v1/candidates", Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 5 + 2, string.Join(", ", statuses));
    }

    public static TheoryData<string, string> BadParameterRequests => new()
    {
        { "Production", "/v1/candidates?limit=abc" },
        { "Production", "/v1/candidates?limit=2147483648" },
        { "Production", "/v1/candidates/0194a0e0-0000-7000-8000-000000000000/gaps?jobId=zzz" },
        { "Production", "/v1/search/candidates?q=pytorch&limit=abc" },
        { "Production", "/v1/search/candidates?q=pytorch&yearsMin=many" },
        { "Production", "/v1/jobs/0194a0e0-0000-7000-8000-000000000000/matches?limit=1e9" },
        { "Development", "/v1/candidates?limit=abc" },
        { "Development", "/v1/candidates?limit=2147483648" },
        { "Development", "/v1/candidates/0194a0e0-0000-7000-8000-000000000000/gaps?jobId=zzz" },
        { "Development", "/v1/search/candidates?q=pytorch&limit=abc" },
    };

    [Theory]
    [MemberData(nameof(BadParameterRequests))]
    public async Task A_value_that_does_not_bind_is_a_typed_400_in_every_environment(string environment, string url)
    {
        await using var app = TalentMatchApp.Embedded();
        app.Environment = environment;
        var (_, client) = await app.CreateTenantClientAsync();

        using var response = await client.GetAsync(url, Ct);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{url}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("urn:talentmatch:problem:", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task A_json_body_that_does_not_bind_is_400_malformed_json_in_every_environment(string environment)
    {
        await using var app = TalentMatchApp.Embedded();
        app.Environment = environment;
        var (_, admin) = await app.CreateTenantClientAsync();

        using var content = new StringContent("{\"name\": 42, \"scopes\": \"search\"}", Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/v1/api-keys", content, Ct), HttpStatusCode.BadRequest, "malformed-json");
    }

    [Fact]
    public async Task An_api_key_secret_is_shown_once_and_is_in_no_file_of_the_data_directory_even_after_a_replay()
    {
        var app = TalentMatchApp.Embedded();
        var (_, admin) = await app.CreateTenantClientAsync();
        var secrets = new List<string>();

        using var create = Request(HttpMethod.Post, "/v1/api-keys", "create-1", new { name = "ci", scopes = new[] { Scopes.Search } });
        using var created = await admin.SendAsync(create, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        secrets.Add(body.GetProperty("key").GetString()!);
        var id = body.GetProperty("id").GetGuid();

        using var again = Request(HttpMethod.Post, "/v1/api-keys", "create-1", new { name = "ci", scopes = new[] { Scopes.Search } });
        using var replayed = await admin.SendAsync(again, Ct);
        Assert.Equal(created.Headers.Location, replayed.Headers.Location);
        await ProblemAssert.IsProblemAsync(replayed, HttpStatusCode.Conflict, "secret-not-replayed");

        using var rotate = Request(HttpMethod.Post, $"/v1/api-keys/{id}/rotate", "rotate-1", null);
        using var rotated = await admin.SendAsync(rotate, Ct);
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        secrets.Add((await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!);
        using var rotateAgain = Request(HttpMethod.Post, $"/v1/api-keys/{id}/rotate", "rotate-1", null);
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(rotateAgain, Ct), HttpStatusCode.Conflict, "secret-not-replayed");

        // The new key works: the secret was issued, only not kept.
        using var rotatedClient = app.ClientWithKey(secrets[1]);
        Assert.Equal(HttpStatusCode.OK, (await rotatedClient.GetAsync("/v1/search/jobs?q=pytorch", Ct)).StatusCode);

        // Every file, the SQLite database and its write-ahead log included, as it is on disk.
        foreach (var file in Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes, Ct);
            }

            foreach (var secret in secrets)
            {
                // The 43 characters after "tm_<32 hex>_": base64url may itself contain '_', so splitting at
                // the last one could leave a tail of a character or two that any binary file contains.
                var secretPart = secret[(ApiKeyFormat.Prefix.Length + 32 + 1)..];
                Assert.Equal(43, secretPart.Length);
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secretPart)) < 0, $"{Path.GetFileName(file)} holds an API key secret");
            }
        }

        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_search_only_key_finds_candidates_without_reading_their_resumes()
    {
        await using var app = TalentMatchApp.Embedded();
        var (_, admin) = await app.CreateTenantClientAsync();
        using var submitted = await admin.PostAsJsonAsync("/v1/candidates",
            new { text = "Jane Roe, jane.roe@example.com, +1 555 0100. PyTorch and DeepSpeed engineer." }, Ct);
        using var searchOnly = app.ClientWithKey(await CreateKeyAsync(admin, Scopes.Search));
        using var reader = app.ClientWithKey(await CreateKeyAsync(admin, Scopes.Search, Scopes.CandidatesRead));

        var document = await Pipeline.WaitUntilSettledAsync(admin, submitted.Headers.Location!);
        Assert.Equal("indexed", document.Status);
        var blind = await searchOnly.GetFromJsonAsync<JsonElement>("/v1/search/candidates?q=deepspeed", Ct);
        var seeing = await reader.GetFromJsonAsync<JsonElement>("/v1/search/candidates?q=deepspeed", Ct);

        var blindHit = Assert.Single(blind.GetProperty("hits").EnumerateArray());
        Assert.Equal("", blindHit.GetProperty("snippet").GetString());
        Assert.Equal(0, blindHit.GetProperty("highlights").GetArrayLength());
        Assert.DoesNotContain("jane.roe", blind.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("DeepSpeed", Assert.Single(seeing.GetProperty("hits").EnumerateArray()).GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_directory_and_the_database_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only");
            return;
        }

        var parent = Directory.CreateTempSubdirectory("talentmatch-modes-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["TalentMatch:DataDirectory"] = Path.Combine(parent, "data") })
                .Build();

            var directory = TalentMatch.Platform.Persistence.DataDirectory.Resolve(configuration);
            var database = TalentMatch.Platform.Persistence.DataDirectory.EnsureOwnerOnlyFile(Path.Combine(directory, "talentmatch.db"));

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task Costly_requests_past_the_tenants_bound_are_refused_and_other_tenants_are_not_held_back()
    {
        await using var costly = new CostlyRequests(new RateLimitOptions { ConcurrentCostlyRequestsPerTenant = 1 });

        var first = costly.TryEnter("acme", out _);
        Assert.NotNull(first);
        Assert.Null(costly.TryEnter("acme", out var problem));
        Assert.Equal(StatusCodes.Status429TooManyRequests, problem!.StatusCode);
        Assert.Equal("urn:talentmatch:problem:rate-limited", problem.ProblemDetails.Type);
        using (var other = costly.TryEnter("globex", out _))
        {
            Assert.NotNull(other);
        }

        first.Dispose();
        using var again = costly.TryEnter("acme", out _);
        Assert.NotNull(again);
    }

    /// <summary>A key of the admin's own tenant with <paramref name="scopes"/>.</summary>
    private static async Task<string> CreateKeyAsync(HttpClient admin, params string[] scopes)
    {
        using var response = await admin.PostAsJsonAsync("/v1/api-keys", new { name = "narrow", scopes }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string idempotencyKey, object? body)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }
}
