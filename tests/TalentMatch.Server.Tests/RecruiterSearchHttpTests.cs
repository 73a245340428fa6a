using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>The boolean query language and sorting as a recruiter uses them over HTTP, on resumes read by the real pipeline.</summary>
public sealed class RecruiterSearchHttpTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Guid> SubmitAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/v1/candidates", new { text }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!)).Id;
    }

    private static async Task<List<Guid>> FindAsync(HttpClient client, string q)
    {
        var results = await client.GetFromJsonAsync<JsonElement>($"/v1/search/candidates?limit=100&q={Uri.EscapeDataString(q)}", Ct);
        return [.. Ids(results).Order()];
    }

    private static IEnumerable<Guid> Ids(JsonElement results) => results.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid());

    /// <summary>Every hit of a query in the order served, page after page of <paramref name="limit"/>.</summary>
    private static async Task<List<Guid>> PagesAsync(HttpClient client, string parameters, int limit)
    {
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/v1/search/candidates?{parameters}&limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"), Ct);
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && seen.Count < 100);

        return seen;
    }

    [Fact]
    public async Task Candidates_sort_by_newest_or_by_years_of_experience_across_pages()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var veteran = await SubmitAsync(client, "WORK EXPERIENCE\nSenior ML Engineer, Acme AI\nJan 2012 – Present\n• PyTorch training pipelines");
        var undated = await SubmitAsync(client, "PyTorch hobbyist, no dates given.");
        var junior = await SubmitAsync(client, "WORK EXPERIENCE\nML Engineer, Globex\nJan 2023 – Present\n• PyTorch models");

        Assert.Equal([junior, undated, veteran], await PagesAsync(client, "q=pytorch&sort=newest", limit: 1));
        Assert.Equal([veteran, junior, undated], await PagesAsync(client, "q=pytorch&sort=experience", limit: 2));
        Assert.Equal([veteran, junior], await PagesAsync(client, "q=" + Uri.EscapeDataString("pytorch AND \"ml engineer\"") + "&sort=experience", limit: 1));

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/search/candidates?q=pytorch&sort=salary", Ct), HttpStatusCode.BadRequest, "invalid-sort");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/search/candidates?q=pytorch&sort=1", Ct), HttpStatusCode.BadRequest, "invalid-sort");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/search/candidates?q=pytorch&sort=newest&mode=hybrid", Ct), HttpStatusCode.BadRequest, "invalid-sort");
        var newest = await client.GetFromJsonAsync<JsonElement>("/v1/search/candidates?q=pytorch&sort=newest&limit=1", Ct);
        await ProblemAssert.IsProblemAsync(
            await client.GetAsync($"/v1/search/candidates?q=pytorch&sort=experience&limit=1&cursor={newest.GetProperty("nextCursor").GetString()}", Ct),
            HttpStatusCode.BadRequest, "invalid-cursor");
    }

    [Fact]
    public async Task Boolean_queries_phrases_and_field_scopes_find_exactly_the_candidates_they_describe()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var engineer = await SubmitAsync(client, """
            Jane Doe
            WORK EXPERIENCE
            Senior ML Engineer, ByteDance
            Jan 2021 – Present
            • Trained models with PyTorch and JAX for distributed training on 512 GPUs
            """);
        var intern = await SubmitAsync(client, "Research intern. PyTorch experiments in distributed training.");
        var chinese = await SubmitAsync(client, """
            张伟
            工作经历
            2021.03 - 至今 字节跳动 算法工程师
            专业技能
            PyTorch、分布式训练、Megatron-LM
            """);
        var analyst = await SubmitAsync(client, "Data analyst: SQL, dashboards, JAX curious.");

        Assert.Equal([engineer], await FindAsync(client, "(pytorch OR jax) AND \"distributed training\" NOT intern"));
        Assert.Equal(new[] { engineer, chinese }.Order(), await FindAsync(client, "pytorch -intern"));
        Assert.Equal([engineer], await FindAsync(client, "employer:bytedance"));
        Assert.Equal([chinese], await FindAsync(client, "公司:字节跳动 与 技能:分布式训练"));
        // A skill by name finds narrower skills too: Megatron-LM is a kind of distributed training.
        Assert.Equal(new[] { engineer, chinese }.Order(), await FindAsync(client, "skill:\"Distributed Training\" -intern"));
        Assert.Equal([analyst], await FindAsync(client, "jax NOT pytorch"));

        // Plain words behave as before (any of them), and another tenant finds nothing with the same query.
        Assert.Equal(new[] { engineer, intern, chinese, analyst }.Order(), await FindAsync(client, "pytorch jax"));
        var (_, other) = await _app.CreateTenantClientAsync();
        Assert.Empty(await FindAsync(other, "pytorch -intern"));
        Assert.Empty(await FindAsync(other, "employer:bytedance OR 公司:字节跳动"));
    }

    [Theory]
    [InlineData("pytorch AND", 11)]
    [InlineData("(pytorch OR jax", 0)]
    [InlineData("pytorch \"distributed training", 8)]
    [InlineData("NOT intern", 0)]
    [InlineData("pytorch OR -intern", 11)]
    [InlineData("skill:no-such-skill-anywhere AND pytorch", 6)]
    [InlineData("((((((((((pytorch))))))))))", 8)]
    [InlineData("title: engineer", 0)]
    public async Task A_query_the_grammar_refuses_is_a_typed_problem_that_says_where(string q, int position)
    {
        var (_, client) = await _app.CreateTenantClientAsync();

        using var response = await client.GetAsync($"/v1/search/candidates?q={Uri.EscapeDataString(q)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("urn:talentmatch:problem:invalid-query", problem.GetProperty("type").GetString());
        Assert.Equal(position, problem.GetProperty("position").GetInt32());
        Assert.Contains($"position {position}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_thousand_ors_are_refused_by_the_length_bound_and_sixty_five_terms_by_the_term_bound()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var huge = string.Join(" OR ", Enumerable.Range(0, 10_000).Select(i => $"w{i}"));
        using var tooLong = await client.GetAsync($"/v1/search/candidates?q={Uri.EscapeDataString(huge[..4000])}", Ct);
        await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.BadRequest, "invalid-query");

        var many = string.Join(" AND ", Enumerable.Range(0, 65).Select(i => $"w{i}"));
        using var tooMany = await client.GetAsync($"/v1/search/candidates?q={Uri.EscapeDataString(many)}", Ct);
        var problem = await tooMany.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("more than 64 terms", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sort_match_ranks_the_candidates_found_towards_one_of_the_tenants_jobs()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, stranger) = await _app.CreateTenantClientAsync();
        var job = await Pipeline.SubmitIndexedAsync(client, "/v1/jobs",
            "Senior LLM training engineer. Required: PyTorch, DeepSpeed, distributed training of large language models on GPU clusters.");
        var theirJob = await Pipeline.SubmitIndexedAsync(stranger, "/v1/jobs", "Accountant. Required: bookkeeping, Excel.");
        // Newest first would put the accountant first, and relevance to "engineer" ties them: only the job can order them so.
        var trainer = await SubmitAsync(client, "Engineer. Distributed training of large language models with PyTorch and DeepSpeed on GPU clusters.");
        var accountant = await SubmitAsync(client, "Engineer turned accountant: bookkeeping and tax returns in Excel.");
        var unrelated = await SubmitAsync(client, "Pastry chef. Croissants and sourdough.");

        var ranked = await client.GetFromJsonAsync<JsonElement>($"/v1/search/candidates?q=engineer&sort=match&jobId={job}", Ct);
        // Plain words, as in hybrid search, do not filter the job's kNN list: the chef comes too, but after both engineers.
        Assert.Equal([trainer, accountant, unrelated], Ids(ranked));

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/search/candidates?q=engineer&sort=match&jobId={theirJob}", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/v1/search/candidates?q=engineer&sort=match&jobId={job}", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/search/candidates?q=engineer&sort=match", Ct), HttpStatusCode.BadRequest, "invalid-sort");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/search/candidates?q=engineer&sort=match&jobId=nope", Ct), HttpStatusCode.BadRequest, "invalid-sort");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/search/candidates?q=engineer&jobId={job}", Ct), HttpStatusCode.BadRequest, "invalid-sort");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/search/jobs?q=engineer&sort=match&jobId={job}", Ct), HttpStatusCode.BadRequest, "invalid-sort");
    }
}
