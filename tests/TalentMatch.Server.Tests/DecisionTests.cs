using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>Human oversight (issue #21): a recruiter's decision over a recommendation is recorded with its reason, beside the score, in the tenant's hash chain.</summary>
public sealed class DecisionTests : IAsyncDisposable
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_decision_and_its_reason_are_recorded_beside_the_score_and_the_chain_still_verifies()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var job = await Pipeline.SubmitIndexedAsync(admin, "/v1/jobs", "LLM Training Engineer. Requirements: 3+ years of PyTorch; CUDA programming.");
        var candidate = await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", "ML engineer, 5 years of PyTorch and CUDA kernels.");

        JsonElement recorded = default;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await admin.PostAsJsonAsync($"/v1/jobs/{job}/decisions",
                new { candidateId = candidate, decision = "Reject", reason = "Needs on-site work; the candidate asked for remote only." }, Ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false; // matching stores the profiles a moment after the api says "indexed"
            }

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            recorded = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return true;
        }, "matching to hold both documents");
        Assert.Equal("reject", recorded.GetProperty("decision").GetString());
        Assert.InRange(recorded.GetProperty("score").GetDouble(), 0.01, 1.0);

        var page = await admin.GetFromJsonAsync<JsonElement>($"/v1/audit/matches?jobId={job}&limit=50", Ct);
        var record = page.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == recorded.GetProperty("recordId").GetGuid());
        Assert.Equal("decision", record.GetProperty("operation").GetString());
        var decision = record.GetProperty("header").GetProperty("decision");
        Assert.Equal("Needs on-site work; the candidate asked for remote only.", decision.GetProperty("reason").GetString());
        Assert.Equal(recorded.GetProperty("score").GetDouble(), record.GetProperty("rows")[0].GetProperty("content").GetProperty("score").GetDouble());
        var verified = await admin.GetFromJsonAsync<JsonElement>("/v1/audit/matches/verify", Ct);
        Assert.True(verified.GetProperty("valid").GetBoolean());
    }

    [Theory]
    [InlineData("{\"candidateId\": \"00000000-0000-0000-0000-000000000001\", \"decision\": \"fire\", \"reason\": \"x\"}")]
    [InlineData("{\"candidateId\": \"00000000-0000-0000-0000-000000000001\", \"decision\": \"hold\"}")]
    [InlineData("{\"candidateId\": \"00000000-0000-0000-0000-000000000001\", \"decision\": \"hold\", \"reason\": \"   \"}")]
    public async Task A_decision_without_a_known_verb_or_a_reason_is_a_typed_400(string body)
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync($"/v1/jobs/{Guid.NewGuid()}/decisions", content, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:talentmatch:problem:invalid-decision", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Another_tenant_and_a_search_only_key_record_nothing()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var job = await Pipeline.SubmitIndexedAsync(admin, "/v1/jobs", "Data engineer: Spark, Airflow, SQL.");
        var candidate = await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", "Data engineer with Spark and Airflow.");
        var body = new { candidateId = candidate, decision = "shortlist", reason = "strong Spark" };

        var (_, other) = await _app.CreateTenantClientAsync();
        using (var response = await other.PostAsJsonAsync($"/v1/jobs/{job}/decisions", body, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var (_, searchOnly) = await _app.CreateTenantClientAsync("search");
        using (var response = await searchOnly.PostAsJsonAsync($"/v1/jobs/{job}/decisions", body, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }
}
