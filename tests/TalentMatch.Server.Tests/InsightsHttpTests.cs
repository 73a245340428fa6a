using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// <c>/v1/insights/*</c> on the embedded host: jobs and resumes go in over HTTP, through the whole pipeline, into the
/// insights module's facts; the answers are per tenant.
/// </summary>
public sealed class InsightsHttpTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts a document as text and waits until the pipeline has settled it (also for <see cref="MarketValueHttpTests"/>).</summary>
    internal static async Task<Uri> PostAsync(HttpClient client, string kind, string text)
    {
        using var body = new StringContent(text, Encoding.UTF8, "text/plain");
        using var posted = await client.PostAsync($"/v1/{kind}", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await Pipeline.WaitUntilSettledAsync(client, posted.Headers.Location!);
        return posted.Headers.Location!;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Insights follow the pipeline a moment later (their own consumer): wait until they count <paramref name="jobs"/>.</summary>
    private static async Task<JsonElement> SkillsWhenAsync(HttpClient client, int jobs, string query = "")
    {
        JsonElement report = default;
        await Eventually.HoldsAsync(async () => (report = await GetAsync(client, "/v1/insights/skills" + query)).GetProperty("jobs").GetInt32() == jobs, $"{jobs} jobs in insights");
        return report;
    }

    private static JsonElement Skill(JsonElement report, string id) =>
        report.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);

    [Fact]
    public async Task Skills_and_salaries_count_only_the_callers_jobs_and_give_no_percentile_from_fewer_than_five()
    {
        var (_, alice) = await _app.CreateTenantClientAsync();
        var (_, mallory) = await _app.CreateTenantClientAsync();
        var aliceJobs = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            var plus = i <= 2 ? "\n3. 有CUDA开发经验者优先。" : "";
            aliceJobs.Add((await PostAsync(alice, "jobs", $"大模型训练工程师 {i}0-{i + 1}0K·15薪\n任职要求：\n1. 熟悉PyTorch；\n2. 熟悉DeepSpeed。{plus}")).Segments[^1]);
        }

        // Mallory's market: PyTorch too, at ten times the pay. None of it may reach Alice's figures.
        for (var i = 1; i <= 5; i++)
        {
            await PostAsync(mallory, "jobs", $"大模型训练工程师 {i}00-{i + 1}00K·16薪\n任职要求：\n1. 熟悉PyTorch；\n2. 熟悉JAX。");
        }

        var report = await SkillsWhenAsync(alice, 5);
        await SkillsWhenAsync(mallory, 5);

        Assert.Equal("CNY", report.GetProperty("salary").GetProperty("currency").GetString());
        // Midpoints 15K, 25K, 35K, 45K, 55K a month; 15 months a year.
        var monthly = report.GetProperty("salary").GetProperty("monthly");
        Assert.Equal((5, 25_000m, 35_000m, 45_000m), (monthly.GetProperty("n").GetInt32(), monthly.GetProperty("p25").GetDecimal(), monthly.GetProperty("p50").GetDecimal(), monthly.GetProperty("p75").GetDecimal()));
        Assert.Equal(525_000m, report.GetProperty("salary").GetProperty("annual").GetProperty("p50").GetDecimal());
        Assert.DoesNotContain(report.GetProperty("skills").EnumerateArray(), s => s.GetProperty("id").GetString() == "jax");
        var pytorch = Skill(report, "pytorch");
        Assert.Equal((5, 1.0, 5), (pytorch.GetProperty("jobs").GetInt32(), pytorch.GetProperty("share").GetDouble(), pytorch.GetProperty("required").GetInt32()));
        var month = Assert.Single(pytorch.GetProperty("trend").EnumerateArray());
        Assert.Equal(5, month.GetProperty("jobs").GetInt32());
        var cuda = Skill(report, "cuda");
        Assert.Equal((2, 2), (cuda.GetProperty("jobs").GetInt32(), cuda.GetProperty("preferred").GetInt32()));
        var cudaPay = cuda.GetProperty("salary").GetProperty("monthly");
        Assert.Equal(2, cudaPay.GetProperty("n").GetInt32());
        Assert.False(cudaPay.TryGetProperty("p50", out var p50) && p50.ValueKind != JsonValueKind.Null, "no median from two jobs");

        var salaries = await GetAsync(alice, "/v1/insights/salaries?skills=pytorch,deepspeed");
        Assert.Equal(5, salaries.GetProperty("jobs").GetInt32());
        var cny = Assert.Single(salaries.GetProperty("salaries").EnumerateArray());
        Assert.Equal(35_000m, cny.GetProperty("monthly").GetProperty("p50").GetDecimal());
        Assert.Equal(aliceJobs.Order(StringComparer.Ordinal), cny.GetProperty("jobIds").EnumerateArray().Select(j => j.GetString()!));
        Assert.Equal(0, (await GetAsync(alice, "/v1/insights/salaries?skills=jax")).GetProperty("jobs").GetInt32());
        Assert.Equal(0, (await GetAsync(mallory, "/v1/insights/salaries?skills=deepspeed")).GetProperty("jobs").GetInt32());
    }

    [Fact]
    public async Task Supply_compares_jobs_with_candidates_and_a_closed_job_or_an_erased_resume_leaves_the_figures()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var job = await PostAsync(client, "jobs", "LLM Inference Engineer\nRequirements:\n- PyTorch\n- CUDA");
        await PostAsync(client, "jobs", "Training Engineer\nRequirements:\n- PyTorch");
        var first = await PostAsync(client, "candidates", "Jane Doe\nML Engineer\nExperience\nML Engineer, Acme, 2018 - 2024\nBuilt training pipelines in PyTorch.\nSkills: PyTorch, Python");
        await PostAsync(client, "candidates", "John Roe\nData Engineer\nSkills: Python, SQL");
        await SkillsWhenAsync(client, 2);
        JsonElement supply = default;
        await Eventually.HoldsAsync(async () => (supply = await GetAsync(client, "/v1/insights/supply")).GetProperty("candidates").GetInt32() == 2, "2 candidates in insights");

        var pytorch = supply.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "pytorch");
        // Both jobs ask for PyTorch, one of two candidates has it: scarcity (2/2) / (1/2) = 2.
        Assert.Equal((2, 1, 2.0), (pytorch.GetProperty("jobs").GetInt32(), pytorch.GetProperty("candidates").GetInt32(), pytorch.GetProperty("scarcity").GetDouble()));
        var cuda = supply.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "cuda");
        Assert.Equal((0, JsonValueKind.Null), (cuda.GetProperty("candidates").GetInt32(), cuda.GetProperty("scarcity").ValueKind));

        using (var closed = await client.PostAsync(new Uri(job, job.AbsolutePath + "/close"), null, Ct))
        {
            Assert.True(closed.IsSuccessStatusCode, closed.StatusCode.ToString());
        }

        await SkillsWhenAsync(client, 1);
        Assert.Equal(2, (await GetAsync(client, "/v1/insights/skills?status=all")).GetProperty("jobs").GetInt32());

        using (var deleted = await client.DeleteAsync(first, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await Eventually.HoldsAsync(async () => (await GetAsync(client, "/v1/insights/supply")).GetProperty("candidates").GetInt32() == 1, "the erased candidate gone from insights");
        await Eventually.HoldsAsync(async () =>
        {
            var receipt = await GetAsync(client, first.AbsolutePath + "/erasure");
            return receipt.GetProperty("services").EnumerateArray().Any(s => s.GetProperty("service").GetString() == "insights" && s.GetProperty("erasedAt").ValueKind == JsonValueKind.String);
        }, "insights confirming the erasure");
    }

    [Theory]
    [InlineData("/v1/insights/skills?seniority=wizard", "invalid-filter")]
    [InlineData("/v1/insights/skills?since=yesterday", "invalid-filter")]
    [InlineData("/v1/insights/skills?status=closed", "invalid-filter")]
    [InlineData("/v1/insights/skills?category=pytorch", "invalid-filter")]
    [InlineData("/v1/insights/skills?limit=0", "invalid-limit")]
    [InlineData("/v1/insights/skills?under=not-a-skill", "unknown-skill")]
    [InlineData("/v1/insights/supply?limit=100000", "invalid-limit")]
    [InlineData("/v1/insights/salaries", "invalid-skills")]
    [InlineData("/v1/insights/salaries?skills=pytorch,not-a-skill", "unknown-skill")]
    public async Task Bad_filters_are_typed_problems(string path, string type)
    {
        var (_, client) = await _app.CreateTenantClientAsync();

        await ProblemAssert.IsProblemAsync(await client.GetAsync(path, Ct), HttpStatusCode.BadRequest, type);
    }

    [Fact]
    public async Task A_city_filter_longer_than_a_city_and_too_many_skills_are_refused()
    {
        var (_, client) = await _app.CreateTenantClientAsync();

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/insights/skills?city=" + new string('x', 101), Ct), HttpStatusCode.BadRequest, "invalid-filter");
        var skills = string.Join(',', Enumerable.Repeat("pytorch,python,cuda,jax,sql,java,cpp", 4).SelectMany(s => s.Split(',')).Select((s, i) => i < 7 ? s : s + i));
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/insights/salaries?skills=" + skills, Ct), HttpStatusCode.BadRequest, "invalid-skills");
    }
}
