using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>Matching as recruiters and candidates use it, and the events integrators receive.</summary>
public sealed class MatchingHttpTests : IAsyncLifetime
{
    private const string LlmJob = """
        LLM Training Engineer
        Requirements:
        - 3+ years of PyTorch
        - Distributed training with DeepSpeed or Megatron-LM
        - CUDA programming
        Nice to have: experience with vLLM.
        """;

    private const string StrongResume = """
        Jane Doe, ML infrastructure engineer.
        Experience: 5 years training large language models in PyTorch; DeepSpeed ZeRO-3 and Megatron-LM on 512 GPUs;
        wrote CUDA kernels for fused attention; served models with vLLM.
        """;

    private const string WeakResume = """
        John Roe, frontend developer.
        Experience: 4 years of React, TypeScript and CSS; some Python scripting.
        """;

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded(new()
    {
        ["TalentMatch:Matching:NotifyThreshold"] = "0.5",
    });

    private readonly ConcurrentBag<object> _announced = [];
    private HostReceiveEndpointHandle? _observer;

    public async ValueTask InitializeAsync()
    {
        // Listen to the public match events the way an integration (webhooks) will.
        var bus = _app.Services.GetRequiredService<IBus>();
        _observer = bus.ConnectReceiveEndpoint("test-match-observer-" + Guid.NewGuid().ToString("N"), endpoint =>
        {
            endpoint.Handler<CandidatesMatchedToJob>(context =>
            {
                _announced.Add(context.Message);
                return Task.CompletedTask;
            });
            endpoint.Handler<RolesMatchedToCandidate>(context =>
            {
                _announced.Add(context.Message);
                return Task.CompletedTask;
            });
        });
        await _observer.Ready;
    }

    public async ValueTask DisposeAsync()
    {
        if (_observer is not null)
        {
            await _observer.StopAsync(CancellationToken.None);
        }

        await _app.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DocumentView> SubmitAndWaitAsync(HttpClient client, string route, string text)
    {
        using var body = new StringContent(text, System.Text.Encoding.UTF8, "text/plain");
        using var response = await client.PostAsync(route, body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!);
    }

    /// <summary>
    /// Matching's profile store fills from the same events, a moment after indexing: poll until the
    /// document is known and, for match lists, until <paramref name="matches"/> of them are in.
    /// </summary>
    private static async Task<JsonElement> GetWhenReadyAsync(HttpClient client, string url, int matches = 1)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await client.GetAsync(url, Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                if (!body.TryGetProperty("matches", out var list) || list.GetArrayLength() >= matches)
                {
                    return body;
                }
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"{url} never became available");
        return default;
    }

    [Fact]
    public async Task A_recruiter_gets_the_strong_candidate_first_with_an_explanation()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var job = await SubmitAndWaitAsync(client, "/v1/jobs", LlmJob);
        var strong = await SubmitAndWaitAsync(client, "/v1/candidates", StrongResume);
        var weak = await SubmitAndWaitAsync(client, "/v1/candidates", WeakResume);

        var response = await GetWhenReadyAsync(client, $"/v1/jobs/{job.Id}/matches", matches: 2);
        var matches = response.GetProperty("matches").EnumerateArray().ToList();

        Assert.Equal(strong.Id.ToString(), matches[0].GetProperty("candidateId").GetString());
        var weakMatch = matches.Single(m => m.GetProperty("candidateId").GetString() == weak.Id.ToString());
        Assert.True(matches[0].GetProperty("score").GetDouble() > weakMatch.GetProperty("score").GetDouble());
        var requirements = matches[0].GetProperty("requirements").EnumerateArray().ToList();
        var pytorch = requirements.Single(r => r.GetProperty("skillId").GetString() == "pytorch");
        Assert.Equal("matched", pytorch.GetProperty("status").GetString(), ignoreCase: true);
        Assert.NotEmpty(pytorch.GetProperty("candidateEvidence").EnumerateArray());
        Assert.NotEmpty(pytorch.GetProperty("jobEvidence").EnumerateArray());
        Assert.True(matches[0].GetProperty("components").GetArrayLength() > 1);
        Assert.True(matches[0].TryGetProperty("weightsUsed", out _));
    }

    [Fact]
    public async Task A_candidate_sees_the_roles_that_fit_and_what_they_lack()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var job = await SubmitAndWaitAsync(client, "/v1/jobs", LlmJob);
        var weak = await SubmitAndWaitAsync(client, "/v1/candidates", WeakResume);

        var roles = await GetWhenReadyAsync(client, $"/v1/candidates/{weak.Id}/matches");
        Assert.Contains(roles.GetProperty("matches").EnumerateArray(), m => m.GetProperty("jobId").GetString() == job.Id.ToString());

        var gaps = await GetWhenReadyAsync(client, $"/v1/candidates/{weak.Id}/gaps?jobId={job.Id}");
        var missing = gaps.GetProperty("gaps").EnumerateArray().Select(g => g.GetProperty("skillId").GetString()).ToList();
        Assert.Contains("pytorch", missing);
        Assert.True(gaps.GetProperty("scoreIfClosed").GetDouble() > gaps.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Weights_change_the_score_and_bad_weights_are_400()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var job = await SubmitAndWaitAsync(client, "/v1/jobs", LlmJob);
        await SubmitAndWaitAsync(client, "/v1/candidates", WeakResume);
        var byDefault = await GetWhenReadyAsync(client, $"/v1/jobs/{job.Id}/matches");
        var skillsOnly = await GetWhenReadyAsync(client, $"/v1/jobs/{job.Id}/matches?weights=semantic=0,requiredSkills=1");

        Assert.NotEqual(
            byDefault.GetProperty("matches")[0].GetProperty("score").GetDouble(),
            skillsOnly.GetProperty("matches")[0].GetProperty("score").GetDouble());
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/jobs/{job.Id}/matches?weights=charisma=1", Ct), HttpStatusCode.BadRequest, "invalid-weights");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/candidates/{job.Id}/gaps", Ct), HttpStatusCode.BadRequest, "invalid-target");
    }

    [Fact]
    public async Task A_tenants_own_weights_apply_to_its_matches_only()
    {
        var (_, alice) = await _app.CreateTenantClientAsync();
        var (_, bob) = await _app.CreateTenantClientAsync();
        var job = await SubmitAndWaitAsync(alice, "/v1/jobs", LlmJob);
        await SubmitAndWaitAsync(alice, "/v1/candidates", WeakResume);
        var withRequestWeights = await GetWhenReadyAsync(alice, $"/v1/jobs/{job.Id}/matches?weights=semantic=0,requiredSkills=1");

        using var put = await alice.PutAsJsonAsync("/v1/settings/matching", new { semantic = 0.0, requiredSkills = 1.0 }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var withTenantWeights = await GetWhenReadyAsync(alice, $"/v1/jobs/{job.Id}/matches");

        Assert.Equal(
            withRequestWeights.GetProperty("matches")[0].GetProperty("score").GetDouble(),
            withTenantWeights.GetProperty("matches")[0].GetProperty("score").GetDouble());
        var bobs = await bob.GetFromJsonAsync<JsonElement>("/v1/settings/matching", Ct);
        Assert.Equal(bobs.GetProperty("defaults").GetProperty("semantic").GetDouble(), bobs.GetProperty("effective").GetProperty("semantic").GetDouble());

        using var negative = await alice.PutAsJsonAsync("/v1/settings/matching", new { semantic = -1.0 }, Ct);
        await ProblemAssert.IsProblemAsync(negative, HttpStatusCode.BadRequest, "invalid-weights");
    }

    [Fact]
    public async Task Matches_never_cross_tenants()
    {
        var (_, alice) = await _app.CreateTenantClientAsync();
        var (_, mallory) = await _app.CreateTenantClientAsync();
        var alicesCandidate = await SubmitAndWaitAsync(alice, "/v1/candidates", StrongResume);
        var mallorysJob = await SubmitAndWaitAsync(mallory, "/v1/jobs", LlmJob);
        await GetWhenReadyAsync(alice, $"/v1/candidates/{alicesCandidate.Id}/matches", matches: 0);

        var matches = await GetWhenReadyAsync(mallory, $"/v1/jobs/{mallorysJob.Id}/matches", matches: 0);

        Assert.DoesNotContain(matches.GetProperty("matches").EnumerateArray(), m => m.GetProperty("candidateId").GetString() == alicesCandidate.Id.ToString());
        await ProblemAssert.IsProblemAsync(await mallory.GetAsync($"/v1/candidates/{alicesCandidate.Id}/matches", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await mallory.GetAsync($"/v1/candidates/{alicesCandidate.Id}/gaps?jobId={mallorysJob.Id}", Ct), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_matching_pair_is_announced_once_even_when_indexing_is_announced_again()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        var job = await SubmitAndWaitAsync(client, "/v1/jobs", LlmJob);
        var strong = await SubmitAndWaitAsync(client, "/v1/candidates", StrongResume);

        await Eventually(() => Announcements(tenant).Any(a => a.CandidateId == strong.Id && a.JobId == job.Id));

        // The same versions indexed again (a redelivery, a replay): nothing new is announced.
        var bus = _app.Services.GetRequiredService<IBus>();
        var before = Announcements(tenant).Count;
        await bus.Publish(new CandidateIndexed(strong.Id, tenant, DateTimeOffset.UnixEpoch), Ct);
        await bus.Publish(new JobIndexed(job.Id, tenant, DateTimeOffset.UnixEpoch), Ct);
        await Task.Delay(1500, Ct);
        Assert.Equal(before, Announcements(tenant).Count);
    }

    private List<(Guid JobId, Guid CandidateId)> Announcements(string tenant) =>
    [
        .. _announced.OfType<CandidatesMatchedToJob>().Where(a => a.TenantId == tenant).SelectMany(a => a.Matches.Select(m => (a.JobId, m.CandidateId))),
        .. _announced.OfType<RolesMatchedToCandidate>().Where(a => a.TenantId == tenant).SelectMany(a => a.Roles.Select(r => (r.JobId, a.CandidateId))),
    ];

    private static async Task Eventually(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 100 && !condition(); attempt++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(condition(), "not announced within 10 s");
    }
}
