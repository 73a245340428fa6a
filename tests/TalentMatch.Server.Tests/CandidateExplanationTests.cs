using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>A match explained to the candidate (issue #21): in their language, with their own evidence, recorded like every score served, and only within the tenant.</summary>
public sealed class CandidateExplanationTests : IAsyncDisposable
{
    private const string Job = """
        LLM Training Engineer
        Requirements:
        - 3+ years of PyTorch
        - CUDA programming
        - Kubernetes
        """;

    private const string Resume = "ML engineer. 5 years of PyTorch, wrote CUDA kernels for attention, served models with vLLM.";

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_candidate_reads_why_in_their_language_and_the_explanation_is_in_the_audit_trail()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var job = await Pipeline.SubmitIndexedAsync(admin, "/v1/jobs", Job);
        var candidate = await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", Resume);
        var route = $"/v1/candidates/{candidate}/matches/{job}/explanation";

        // Matching stores both profiles a moment after the api says "indexed".
        var english = default(JsonElement);
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await admin.GetAsync(route, Ct);
            english = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(Ct) : default;
            return response.IsSuccessStatusCode;
        }, "the explanation once matching holds both profiles");
        Assert.Equal("en", english.GetProperty("language").GetString());
        var requirements = english.GetProperty("requirements").EnumerateArray().ToList();
        var pytorch = requirements.Single(r => r.GetProperty("skill").GetString() == "PyTorch");
        Assert.Equal("met", pytorch.GetProperty("status").GetString());
        Assert.Contains(pytorch.GetProperty("yourEvidence").EnumerateArray(), e => e.GetString()!.Contains("PyTorch", StringComparison.Ordinal));
        Assert.Equal("missing", requirements.Single(r => r.GetProperty("skill").GetString() == "Kubernetes").GetProperty("status").GetString());

        // The score is the one the recruiter's match list shows.
        var matches = await admin.GetFromJsonAsync<JsonElement>($"/v1/jobs/{job}/matches", Ct);
        var served = matches.GetProperty("matches").EnumerateArray().Single(m => m.GetProperty("candidateId").GetGuid() == candidate);
        Assert.Equal((int)Math.Round(served.GetProperty("score").GetDouble() * 100, MidpointRounding.AwayFromZero), english.GetProperty("score").GetInt32());

        using var chinese = new HttpRequestMessage(HttpMethod.Get, route);
        chinese.Headers.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        using var response = await admin.SendAsync(chinese, Ct);
        var zh = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("zh", zh.GetProperty("language").GetString());
        Assert.StartsWith("该职位要求", zh.GetProperty("summary").GetString(), StringComparison.Ordinal);

        var records = await admin.GetFromJsonAsync<JsonElement>($"/v1/audit/matches?candidateId={candidate}&limit=50", Ct);
        Assert.Contains(records.GetProperty("records").EnumerateArray(), r => r.GetProperty("operation").GetString() == "explanation");
    }

    [Fact]
    public async Task Another_tenant_a_search_only_key_and_a_bad_language_get_no_explanation()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var job = await Pipeline.SubmitIndexedAsync(admin, "/v1/jobs", Job);
        var candidate = await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", Resume);
        var route = $"/v1/candidates/{candidate}/matches/{job}/explanation";

        var (_, other) = await _app.CreateTenantClientAsync();
        using (var response = await other.GetAsync(route, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var (_, searchOnly) = await _app.CreateTenantClientAsync("search");
        using (var response = await searchOnly.GetAsync(route, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using (var response = await admin.GetAsync(route + "?lang=fr", Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("urn:talentmatch:problem:invalid-language", problem.GetProperty("type").GetString());
        }

        using (var response = await admin.GetAsync($"/v1/candidates/{candidate}/matches/{Guid.NewGuid()}/explanation", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
