using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Bias audits (issue #21, docs/responsible-matching.md): self-identified categories are attached behind their own
/// scope, never change a score, are erased with the candidate, and the report finds a disparity planted in a tenant.
/// </summary>
public sealed class BiasAuditTests : IAsyncDisposable
{
    private const string Job = """
        LLM Training Engineer
        Requirements:
        - 3+ years of PyTorch
        - Distributed training with DeepSpeed
        - CUDA programming
        """;

    // Strong resumes meet the job; weak ones do not. Every strong one is planted in one category of sex.
    private static readonly string[] Strong =
    [
        "Machine learning engineer. 5 years training large models in PyTorch with DeepSpeed ZeRO-3; wrote CUDA kernels.",
        "Deep learning engineer: PyTorch for 6 years, distributed training with DeepSpeed on 256 GPUs, CUDA programming.",
        "Research engineer. PyTorch (4 years), DeepSpeed and Megatron-LM, custom CUDA kernels for attention.",
        "ML infrastructure engineer, 7 years: PyTorch, DeepSpeed, CUDA, NCCL, large-scale training.",
    ];

    private static readonly string[] Weak =
    [
        "Data analyst. 4 years of SQL, Tableau and Excel reporting.",
        "Frontend developer: React, TypeScript and CSS for 5 years.",
        "Accountant with 6 years of bookkeeping and payroll.",
        "Sales manager, 8 years in retail sales and negotiation.",
    ];

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_planted_disparity_is_found_and_attaching_categories_changes_no_score()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (_, admin) = await _app.CreateTenantClientAsync();
        var job = await Pipeline.SubmitIndexedAsync(admin, "/v1/jobs", Job);
        var strong = new List<Guid>();
        foreach (var text in Strong)
        {
            strong.Add(await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", text));
        }

        var weak = new List<Guid>();
        foreach (var text in Weak)
        {
            weak.Add(await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", text));
        }

        var before = await ScoresAsync(admin, job, 8);

        // The planted disparity: every strong candidate is "female", every weak one "male"; race/ethnicity is spread
        // evenly over both, so it shows none.
        var demographics = await ClientWithScopesAsync(admin, "demographics");
        for (var i = 0; i < 4; i++)
        {
            await PutAsync(demographics, strong[i], "female", i % 2 == 0 ? "Asian" : "White");
            await PutAsync(demographics, weak[i], "male", i % 2 == 0 ? "Asian" : "White");
        }

        Assert.Equal(before, await ScoresAsync(admin, job, 8));

        var auditor = await ClientWithScopesAsync(admin, "audit");
        var report = await auditor.GetFromJsonAsync<JsonElement>($"/v1/audit/bias?jobId={job}", Ct);
        Assert.Equal(8, report.GetProperty("assessed").GetInt32());
        Assert.Equal("score above the median", report.GetProperty("selection").GetString());
        var sex = Dimension(report, "sex");
        Assert.Equal((1.0, 1.0, false), Rate(sex, "female"));
        Assert.Equal((0.0, 0.0, true), Rate(sex, "male"));
        var race = Dimension(report, "raceEthnicity");
        Assert.Equal((0.5, 1.0, false), Rate(race, "Asian"));
        Assert.Equal((0.5, 1.0, false), Rate(race, "White"));
        Assert.Equal(4, Dimension(report, "sex × raceEthnicity").GetProperty("categories").GetArrayLength());

        // The same report with a threshold, and as CSV for a spreadsheet.
        var strict = await auditor.GetFromJsonAsync<JsonElement>($"/v1/audit/bias?jobId={job}&threshold=0.99", Ct);
        Assert.Equal("score >= 0.99", strict.GetProperty("selection").GetString());
        using var csv = await auditor.GetAsync($"/v1/audit/bias?jobId={job}&top=4&format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dimension,category,assessed,selected,share,selection_rate,impact_ratio,below_four_fifths,excluded_small", lines[0]);
        Assert.Contains("\"sex\",\"male\",4,0,0.5,0,0,true,false", lines);
        Assert.Contains("\"sex\",\"(unknown)\",0,,,,,,", lines);

        // The same disparity in what recruiters were actually shown: the lists served above, read from the audit
        // trail. Each (job, candidate) pair counts once however often its list was opened.
        var since = Uri.EscapeDataString(started.ToString("O"));
        var served = await auditor.GetFromJsonAsync<JsonElement>($"/v1/audit/bias?from={since}", Ct);
        Assert.Equal("served", served.GetProperty("basis").GetString());
        Assert.Equal(8, served.GetProperty("assessed").GetInt32());
        Assert.Equal((1.0, 1.0, false), Rate(Dimension(served, "sex"), "female"));
        Assert.Equal((0.0, 0.0, true), Rate(Dimension(served, "sex"), "male"));
        var servedTop = await auditor.GetFromJsonAsync<JsonElement>($"/v1/audit/bias?from={since}&jobId={job}&top=4", Ct);
        Assert.Equal((1.0, 1.0, false), Rate(Dimension(servedTop, "sex"), "female"));

        // A window that starts after those lists holds none of them; another tenant's window holds none of them either.
        var after = DateTimeOffset.UtcNow.AddSeconds(1);
        var empty = await auditor.GetFromJsonAsync<JsonElement>(
            $"/v1/audit/bias?from={Uri.EscapeDataString(after.ToString("O"))}&to={Uri.EscapeDataString(after.AddHours(1).ToString("O"))}", Ct);
        Assert.Equal(0, empty.GetProperty("assessed").GetInt32());
        var (_, other) = await _app.CreateTenantClientAsync();
        var elsewhere = await other.GetFromJsonAsync<JsonElement>($"/v1/audit/bias?from={since}", Ct);
        Assert.Equal(0, elsewhere.GetProperty("assessed").GetInt32());

        // An erased candidate leaves the served data with the rest of their audit rows.
        using (var deleted = await admin.DeleteAsync($"/v1/candidates/{strong[0]}", Ct))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"DELETE answered {deleted.StatusCode}");
        }

        await Eventually.HoldsAsync(async () =>
            (await auditor.GetFromJsonAsync<JsonElement>($"/v1/audit/bias?from={since}", Ct)).GetProperty("assessed").GetInt32() == 7,
            "the erased candidate's served rows out of the report");
    }

    [Fact]
    public async Task Categories_are_behind_their_own_scope_in_one_tenant_and_go_with_the_candidate()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var job = await Pipeline.SubmitIndexedAsync(admin, "/v1/jobs", Job);
        var candidate = await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", Strong[0]);
        var demographics = await ClientWithScopesAsync(admin, "demographics");
        await PutAsync(demographics, candidate, "female", "Hispanic or Latino");

        // Neither a recruiter's key nor an auditor's reads one person's categories; the demographics key reads no report.
        var recruiter = await ClientWithScopesAsync(admin, "search", "candidates:read", "candidates:write");
        var auditor = await ClientWithScopesAsync(admin, "audit");
        foreach (var client in new[] { recruiter, auditor })
        {
            using var read = await client.GetAsync($"/v1/candidates/{candidate}/demographics", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        using (var report = await demographics.GetAsync($"/v1/audit/bias?jobId={job}", Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
        }

        // Another tenant, even with every scope, finds nothing and plants nothing.
        var (_, other) = await _app.CreateTenantClientAsync();
        using (var read = await other.GetAsync($"/v1/candidates/{candidate}/demographics", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        using (var write = await other.PutAsJsonAsync($"/v1/candidates/{candidate}/demographics", new { sex = "male" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        }

        using (var report = await other.GetAsync($"/v1/audit/bias?jobId={job}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        }

        var mine = await demographics.GetFromJsonAsync<JsonElement>($"/v1/candidates/{candidate}/demographics", Ct);
        Assert.Equal("female", mine.GetProperty("sex").GetString());

        // Erasing the candidate erases the categories.
        using (var deleted = await admin.DeleteAsync($"/v1/candidates/{candidate}", Ct))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"DELETE answered {deleted.StatusCode}");
        }

        await Eventually.HoldsAsync(async () =>
        {
            using var read = await demographics.GetAsync($"/v1/candidates/{candidate}/demographics", Ct);
            return read.StatusCode == HttpStatusCode.NotFound;
        }, "the categories erased with the candidate");
    }

    [Theory]
    [InlineData("{\"sex\": \"=HYPERLINK(1)\"}")]
    [InlineData("{\"raceEthnicity\": \"<script>\"}")]
    [InlineData("{\"sex\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}")]
    public async Task A_label_that_is_not_plain_is_a_typed_400(string body)
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var candidate = await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", Weak[0]);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await admin.PutAsync($"/v1/candidates/{candidate}/demographics", content, Ct);
        await AssertProblemAsync(response, "invalid-demographics");
    }

    [Theory]
    [InlineData("")]
    [InlineData("&threshold=1.5")]
    [InlineData("&threshold=0.5&top=3")]
    [InlineData("&top=0")]
    [InlineData("&format=xml")]
    [InlineData("&to=2026-01-01T00:00:00Z")]
    [InlineData("&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task A_malformed_report_request_is_a_typed_400(string query)
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var job = query.Length == 0 ? "" : $"jobId={Guid.NewGuid()}";
        using var response = await admin.GetAsync($"/v1/audit/bias?{job}{query}", Ct);
        await AssertProblemAsync(response, "invalid-bias-audit");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string type)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"urn:talentmatch:problem:{type}", problem.GetProperty("type").GetString());
    }

    private static JsonElement Dimension(JsonElement report, string name) =>
        report.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("dimension").GetString() == name);

    private static (double Rate, double? Ratio, bool Flagged) Rate(JsonElement dimension, string category)
    {
        var c = dimension.GetProperty("categories").EnumerateArray().Single(x => x.GetProperty("category").GetString() == category);
        var ratio = c.GetProperty("impactRatio");
        return (c.GetProperty("selectionRate").GetDouble(), ratio.ValueKind == JsonValueKind.Number ? ratio.GetDouble() : null, c.GetProperty("belowFourFifths").GetBoolean());
    }

    /// <summary>Attaches categories once matching holds the candidate (a moment after the api says "indexed": 404 until then).</summary>
    private static async Task PutAsync(HttpClient client, Guid candidate, string sex, string race)
    {
        var status = HttpStatusCode.NotFound;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await client.PutAsJsonAsync($"/v1/candidates/{candidate}/demographics", new { sex, raceEthnicity = race }, Ct);
            status = response.StatusCode;
            return status != HttpStatusCode.NotFound;
        }, "matching to hold the candidate");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private async Task<HttpClient> ClientWithScopesAsync(HttpClient admin, params string[] scopes)
    {
        using var response = await admin.PostAsJsonAsync("/v1/api-keys", new { name = string.Join('+', scopes), scopes }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return _app.ClientWithKey(key.GetProperty("key").GetString()!);
    }

    /// <summary>Every candidate's score for the job once matching holds <paramref name="count"/>, by candidate id.</summary>
    private static async Task<Dictionary<string, double>> ScoresAsync(HttpClient client, Guid job, int count)
    {
        Dictionary<string, double> scores = [];
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await client.GetAsync($"/v1/jobs/{job}/matches", Ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            var matches = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("matches").EnumerateArray();
            scores = matches.ToDictionary(m => m.GetProperty("candidateId").GetString()!, m => m.GetProperty("score").GetDouble());
            return scores.Count >= count;
        }, $"{count} candidates in the job's matches");
        return scores;
    }
}
