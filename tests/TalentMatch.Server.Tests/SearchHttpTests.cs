using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Platform.Security;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>Search as a client sees it: what ingestion read becomes filters, skills and facets.</summary>
public sealed class SearchHttpTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DocumentView> SubmitAndWaitAsync(HttpClient client, string route, object body)
    {
        using var response = await client.PostAsJsonAsync(route, body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!);
    }

    [Fact]
    public async Task A_jobs_parsed_work_arrangement_seniority_and_years_are_search_filters()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var senior = await SubmitAndWaitAsync(client, "/v1/jobs", new
        {
            text = "Senior Machine Learning Engineer\nLocation: Berlin, Germany (hybrid)\n\nRequirements:\n- 5+ years of experience with PyTorch",
        });
        var junior = await SubmitAndWaitAsync(client, "/v1/jobs", new
        {
            text = "Junior Data Analyst\nFully remote\n\nRequirements:\n- SQL and Python",
        });

        // Both ads contain the word; only the filters tell them apart.
        var both = await client.GetFromJsonAsync<JsonElement>("/v1/search/jobs?q=requirements", Ct);
        Assert.Equal(2, both.GetProperty("total").GetInt32());
        var hybridSenior = await client.GetFromJsonAsync<JsonElement>("/v1/search/jobs?q=requirements&remote=hybrid&seniority=senior", Ct);
        var ids = hybridSenior.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();

        Assert.Contains(senior.Id, ids);
        Assert.DoesNotContain(junior.Id, ids);
    }

    [Fact]
    public async Task A_place_in_chinese_or_english_is_one_filter_and_one_facet_value_and_highlights_stay_readable()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var chinese = await SubmitAndWaitAsync(client, "/v1/jobs", new { text = "大模型训练工程师\n工作地点：北京市·海淀区\n任职要求：\n1. 精通PyTorch、分布式训练" });
        var english = await SubmitAndWaitAsync(client, "/v1/jobs", new { text = "LLM Training Engineer\nLocation: Beijing, China\nRequirements:\n- PyTorch, distributed training" });
        var elsewhere = await SubmitAndWaitAsync(client, "/v1/jobs", new { text = "LLM Training Engineer\nLocation: Shanghai\nRequirements:\n- PyTorch" });

        var results = await client.GetFromJsonAsync<JsonElement>("/v1/search/jobs?q=pytorch&location=北京&facets=location", Ct);

        var ids = results.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([chinese.Id, english.Id], ids.Order());
        Assert.DoesNotContain(elsewhere.Id, ids);
        var place = Assert.Single(results.GetProperty("facets").GetProperty("location").EnumerateArray());
        Assert.Equal(("beijing", 2L), (place.GetProperty("value").GetString(), place.GetProperty("count").GetInt64()));

        // Chinese highlights are text, not numeric entities.
        var chineseHits = await client.GetFromJsonAsync<JsonElement>("/v1/search/jobs?q=分布式训练", Ct);
        var highlight = chineseHits.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("id").GetGuid() == chinese.Id)
            .GetProperty("highlights")[0].GetString()!;
        Assert.Contains("精通PyTorch", highlight, StringComparison.Ordinal);
        Assert.DoesNotContain("&#", highlight, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_must_have_skill_finds_candidates_with_a_narrower_skill()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var zero = await SubmitAndWaitAsync(client, "/v1/candidates", new { text = "Scaled 70B training with DeepSpeed ZeRO-3 on 512 GPUs." });
        var frontend = await SubmitAndWaitAsync(client, "/v1/candidates", new { text = "Frontend engineer: React and TypeScript." });

        var results = await client.GetFromJsonAsync<JsonElement>("/v1/search/candidates?skills=distributed-training&facets=skills", Ct);
        var ids = results.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();

        Assert.Contains(zero.Id, ids);
        Assert.DoesNotContain(frontend.Id, ids);
        Assert.True(results.GetProperty("facets").GetProperty("skills").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Hybrid_search_ranks_by_meaning_as_well_as_words()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var llm = await SubmitAndWaitAsync(client, "/v1/candidates", new { text = "Fine-tuned large language models with LoRA and served them with vLLM." });
        await SubmitAndWaitAsync(client, "/v1/candidates", new { text = "Accountant: payroll, tax returns and audits." });

        var results = await client.GetFromJsonAsync<JsonElement>($"/v1/search/candidates?mode=hybrid&q={Uri.EscapeDataString("LLM fine-tuning engineer")}", Ct);

        Assert.Equal(llm.Id, results.GetProperty("hits")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Search_needs_a_key_with_the_search_scope()
    {
        using var anonymous = _app.CreateClient();
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/v1/search/candidates?q=pytorch", Ct), HttpStatusCode.Unauthorized, "missing-api-key");
        var (_, writer) = await _app.CreateTenantClientAsync(Scopes.CandidatesWrite);
        await ProblemAssert.IsProblemAsync(await writer.GetAsync("/v1/search/candidates?q=pytorch", Ct), HttpStatusCode.Forbidden, "insufficient-scope");
    }
}
