using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Candidate portal links (<c>/v1/candidates/{id}/portal-links</c>) and the portal's API (<c>/v1/portal</c>):
/// a link reads as its one candidate and nothing else, in its tenant only; it expires, is revoked,
/// is erased with the candidate, and its token is never stored or replayed.
/// </summary>
public sealed class PortalLinkHttpTests : IAsyncLifetime
{
    private static readonly bool[] NewestActiveOnly = [true, false, false];

    private readonly ShiftableClock _clock = new();
    private readonly TalentMatchApp _app;

    public PortalLinkHttpTests() =>
        _app = TalentMatchApp.Embedded(
            new Dictionary<string, string?> { ["TalentMatch:Api:MaxActivePortalLinks"] = "3", ["TalentMatch:Api:PortalLinkMaxDays"] = "60" },
            services => services.AddSingleton<TimeProvider>(_clock));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The real clock, moved forward on request: how a link's expiry is reached without waiting for it.</summary>
    private sealed class ShiftableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private sealed record CreatedLink(Guid Id, Guid CandidateId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Token, string Url);

    private static async Task<CreatedLink> CreateLinkAsync(HttpClient client, Uri candidate, object? body = null)
    {
        using var response = await client.PostAsJsonAsync($"{candidate.AbsolutePath}/portal-links", body ?? new { }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedLink>(Ct))!;
    }

    private HttpClient Portal(string token) => _app.ClientWithKey(token);

    [Fact]
    public async Task A_link_reads_as_its_candidate_only_the_open_roles_of_its_tenant_and_their_gap_reports()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, other) = await _app.CreateTenantClientAsync();
        var job = await InsightsHttpTests.PostAsync(client, "jobs", "LLM Engineer\nRequirements: 3+ years of PyTorch and Python; CUDA and Kubernetes.");
        var closed = await InsightsHttpTests.PostAsync(client, "jobs", "Inference Engineer\nRequirements: PyTorch, CUDA and Triton.");
        var othersJob = await InsightsHttpTests.PostAsync(other, "jobs", "ML Engineer\nRequirements: PyTorch and CUDA.");
        var candidate = await InsightsHttpTests.PostAsync(client, "candidates", "Jane Doe\nML Engineer\nSkills: PyTorch, Python. 5 years.");
        var someoneElse = await InsightsHttpTests.PostAsync(client, "candidates", "John Roe\nData Engineer\nSkills: Spark, Python.");
        using (var closing = await client.PostAsync($"{closed.AbsolutePath}/close", null, Ct))
        {
            Assert.True(closing.IsSuccessStatusCode, closing.StatusCode.ToString());
        }

        var link = await CreateLinkAsync(client, candidate);
        Assert.StartsWith("tmp_", link.Token, StringComparison.Ordinal);
        Assert.EndsWith("/console/portal/open/" + link.Token, link.Url, StringComparison.Ordinal);
        Assert.Equal(30, (link.ExpiresAt - link.CreatedAt).TotalDays, 3);
        using var portal = Portal(link.Token);

        JsonElement roles = default;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await portal.GetAsync("/v1/portal/roles", Ct);
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            if (response.StatusCode != HttpStatusCode.OK) return false;
            roles = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            // Exactly the one open role: the closed one leaves matching a moment after the close is accepted.
            return roles.GetProperty("roles").GetArrayLength() == 1;
        }, "the candidate's one open role");
        Assert.Equal(candidate.Segments[^1], roles.GetProperty("candidateId").GetString());
        var role = Assert.Single(roles.GetProperty("roles").EnumerateArray()); // the closed role and the other tenant's are not open to them
        Assert.Equal(job.Segments[^1], role.GetProperty("jobId").GetString());
        Assert.Equal("LLM Engineer", role.GetProperty("title").GetString());
        var requirements = role.GetProperty("requirements").EnumerateArray().ToDictionary(r => r.GetProperty("skillId").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("matched", requirements["pytorch"]);
        Assert.Equal("missing", requirements["cuda"]);
        // The candidate's view holds no recruiter data: no components, weights or evidence.
        Assert.False(role.TryGetProperty("components", out _));
        Assert.False(role.TryGetProperty("weightsUsed", out _));
        Assert.Contains(roles.GetProperty("skills").EnumerateArray(), s => s.GetProperty("id").GetString() == "pytorch");

        var gaps = await portal.GetFromJsonAsync<JsonElement>($"/v1/portal/roles/{job.Segments[^1]}/gaps", Ct);
        Assert.Equal("LLM Engineer", gaps.GetProperty("title").GetString());
        var cuda = gaps.GetProperty("report").GetProperty("gaps").EnumerateArray().Single(g => g.GetProperty("skillId").GetString() == "cuda");
        Assert.NotEqual(0, cuda.GetProperty("resources").GetArrayLength());

        // A closed role, another tenant's role, an unknown id: not found, whatever the id. The gap report reads matching's
        // own store, which learns of the close a moment after search does (the roles list above): wait for it there too.
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await portal.GetAsync($"/v1/portal/roles/{closed.Segments[^1]}/gaps", Ct);
            return response.StatusCode == HttpStatusCode.NotFound;
        }, "the closed role gone from matching");
        foreach (var notOpen in new[] { closed.Segments[^1], othersJob.Segments[^1], Guid.NewGuid().ToString() })
        {
            await ProblemAssert.IsProblemAsync(await portal.GetAsync($"/v1/portal/roles/{notOpen}/gaps", Ct), HttpStatusCode.NotFound, "not-found");
        }

        // The token is no API key: every recruiter endpoint refuses it, this candidate's own included.
        foreach (var path in new[] { candidate.AbsolutePath, someoneElse.AbsolutePath, "/v1/candidates", $"{candidate.AbsolutePath}/matches", $"{candidate.AbsolutePath}/export", "/v1/jobs", "/v1/search/candidates?q=python" })
        {
            await ProblemAssert.IsProblemAsync(await portal.GetAsync(path, Ct), HttpStatusCode.Forbidden, "insufficient-scope");
        }

        await ProblemAssert.IsProblemAsync(await portal.PostAsJsonAsync($"{candidate.AbsolutePath}/portal-links", new { }, Ct), HttpStatusCode.Forbidden, "insufficient-scope");
        // And no API key, not even an admin's, reads the portal: it has no candidate of its own.
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/portal/roles", Ct), HttpStatusCode.Forbidden, "insufficient-scope");
    }

    [Fact]
    public async Task Another_tenant_can_neither_create_list_nor_revoke_links_of_a_candidate_not_its_own()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, other) = await _app.CreateTenantClientAsync();
        var candidate = await InsightsHttpTests.PostAsync(client, "candidates", "Jane Doe\nSkills: PyTorch.");
        var link = await CreateLinkAsync(client, candidate);

        await ProblemAssert.IsProblemAsync(await other.PostAsJsonAsync($"{candidate.AbsolutePath}/portal-links", new { }, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await other.GetAsync($"{candidate.AbsolutePath}/portal-links", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await other.DeleteAsync($"{candidate.AbsolutePath}/portal-links/{link.Id}", Ct), HttpStatusCode.NotFound, "not-found");
        // The other tenant's own candidate with this tenant's link id: still not found.
        var theirs = await InsightsHttpTests.PostAsync(other, "candidates", "John Roe\nSkills: Spark.");
        await ProblemAssert.IsProblemAsync(await other.DeleteAsync($"{theirs.AbsolutePath}/portal-links/{link.Id}", Ct), HttpStatusCode.NotFound, "not-found");

        var listed = await client.GetFromJsonAsync<JsonElement>($"{candidate.AbsolutePath}/portal-links", Ct);
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.True(item.GetProperty("active").GetBoolean());
        Assert.DoesNotContain(link.Token[4..], listed.GetRawText(), StringComparison.Ordinal);
        using var portal = Portal(link.Token);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await portal.GetAsync("/v1/portal/roles", Ct)).StatusCode);
    }

    [Fact]
    public async Task Revoked_forged_and_expired_links_get_a_typed_problem_and_lifetimes_and_counts_are_bounded()
    {
        var (_, client) = await _app.CreateTenantClientAsync("candidates:write");
        var candidate = await InsightsHttpTests.PostAsync(client, "candidates", "Jane Doe\nSkills: PyTorch.");
        var revoked = await CreateLinkAsync(client, candidate);
        var shortLived = await CreateLinkAsync(client, candidate, new { expiresInDays = 2 });
        var longLived = await CreateLinkAsync(client, candidate, new { expiresInDays = 60 });
        Assert.Equal(2, (shortLived.ExpiresAt - shortLived.CreatedAt).TotalDays, 3);

        // Three active links is this host's bound; longer than 60 days or under one is refused.
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"{candidate.AbsolutePath}/portal-links", new { }, Ct), HttpStatusCode.Conflict, "too-many-portal-links");
        using (var revoking = await client.DeleteAsync($"{candidate.AbsolutePath}/portal-links/{revoked.Id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoking.StatusCode);
        }

        foreach (var days in new[] { 0, -1, 61, int.MaxValue })
        {
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"{candidate.AbsolutePath}/portal-links", new { expiresInDays = days }, Ct), HttpStatusCode.BadRequest, "invalid-field");
        }

        var forged = "tmp_" + revoked.Id.ToString("N") + "_" + new string('A', 43);
        foreach (var token in new[] { revoked.Token, forged, shortLived.Token[..^1] + (shortLived.Token[^1] == 'A' ? 'B' : 'A') })
        {
            using var portal = Portal(token);
            await ProblemAssert.IsProblemAsync(await portal.GetAsync("/v1/portal/roles", Ct), HttpStatusCode.Unauthorized, "invalid-portal-link");
        }

        // Three days on: the two-day link has expired, the sixty-day one still opens.
        using var expiring = Portal(shortLived.Token);
        using var lasting = Portal(longLived.Token);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await expiring.GetAsync("/v1/portal/roles", Ct)).StatusCode);
        _clock.Ahead = TimeSpan.FromDays(3);
        await ProblemAssert.IsProblemAsync(await expiring.GetAsync("/v1/portal/roles", Ct), HttpStatusCode.Unauthorized, "invalid-portal-link");
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await lasting.GetAsync("/v1/portal/roles", Ct)).StatusCode);
        var listed = await client.GetFromJsonAsync<JsonElement>($"{candidate.AbsolutePath}/portal-links", Ct);
        Assert.Equal(NewestActiveOnly, listed.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("active").GetBoolean()));
    }

    [Fact]
    public async Task The_token_is_not_kept_for_replay_and_the_links_go_with_the_candidates_erasure()
    {
        var (tenantId, client) = await _app.CreateTenantClientAsync();
        var candidate = await InsightsHttpTests.PostAsync(client, "candidates", "Jane Doe\nSkills: PyTorch.");
        using var first = new HttpRequestMessage(HttpMethod.Post, $"{candidate.AbsolutePath}/portal-links") { Content = JsonContent.Create(new { }) };
        first.Headers.Add("Idempotency-Key", "portal-link-1");
        using var created = await client.SendAsync(first, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = (await created.Content.ReadFromJsonAsync<CreatedLink>(Ct))!;
        using var again = new HttpRequestMessage(HttpMethod.Post, $"{candidate.AbsolutePath}/portal-links") { Content = JsonContent.Create(new { }) };
        again.Headers.Add("Idempotency-Key", "portal-link-1");
        await ProblemAssert.IsProblemAsync(await client.SendAsync(again, Ct), HttpStatusCode.Conflict, "secret-not-replayed");

        var export = await client.GetFromJsonAsync<JsonElement>($"{candidate.AbsolutePath}/export", Ct);
        Assert.Equal(link.Id, Assert.Single(export.GetProperty("portalLinks").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.DoesNotContain(link.Token[4..], export.GetRawText(), StringComparison.Ordinal);

        using (var deleting = await client.DeleteAsync(candidate.AbsolutePath, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleting.StatusCode);
        }

        using var portal = Portal(link.Token);
        await ProblemAssert.IsProblemAsync(await portal.GetAsync("/v1/portal/roles", Ct), HttpStatusCode.Unauthorized, "invalid-portal-link");
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        Assert.Equal(0, await db.PortalLinks.CountAsync(l => l.TenantId == tenantId, Ct));
    }
}
