using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>Replacing a job with optimistic concurrency (ETag / If-Match), as two recruiters editing it would.</summary>
public sealed class JobUpdateTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, Uri location, string text, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, location)
        {
            Content = JsonContent.Create(new { title = "Inference engineer", text }),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<(Uri Location, string ETag)> CreateIndexedJobAsync(HttpClient client, string text)
    {
        using var body = new StringContent(text, Encoding.UTF8, "text/plain");
        using var posted = await client.PostAsync("/v1/jobs", body, Ct);
        await Pipeline.WaitUntilSettledAsync(client, posted.Headers.Location!);
        using var read = await client.GetAsync(posted.Headers.Location, Ct);
        return (posted.Headers.Location!, read.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_job_replaced_with_the_current_ETag_is_parsed_and_searchable_again()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var oldWord = "zo" + Guid.NewGuid().ToString("N")[..10];
        var newWord = "zn" + Guid.NewGuid().ToString("N")[..10];
        var (location, etag) = await CreateIndexedJobAsync(client, $"Training engineer: PyTorch, DeepSpeed. {oldWord}");

        using var put = await PutAsync(client, location, $"Inference engineer: vLLM, TensorRT. {newWord}", etag);
        Assert.Equal(HttpStatusCode.Accepted, put.StatusCode);
        Assert.NotEqual(etag, put.Headers.ETag!.Tag);

        var job = await Pipeline.WaitUntilSettledAsync(client, location);
        Assert.Equal("indexed", job.Status);
        Assert.Equal("Inference engineer", job.Title);
        Assert.Contains("vLLM", Pipeline.SkillNames(job));
        Assert.DoesNotContain("PyTorch", Pipeline.SkillNames(job));
        Assert.Single((await Pipeline.SearchAsync(client, "jobs", newWord)).Hits);
        Assert.Empty((await Pipeline.SearchAsync(client, "jobs", oldWord)).Hits);
    }

    [Fact]
    public async Task A_jobs_pay_is_returned_normalised_and_read_again_when_the_job_is_replaced()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (location, etag) = await CreateIndexedJobAsync(client, "大模型算法工程师 30-60K·15薪\n任职要求：\n1. 熟悉PyTorch；\n2. 熟悉DeepSpeed。");

        var pay = await CompensationAsync(client, location);
        Assert.Equal("CNY", pay.GetProperty("currency").GetString());
        Assert.Equal("month", pay.GetProperty("period").GetString());
        Assert.Equal((30000m, 60000m), (pay.GetProperty("min").GetDecimal(), pay.GetProperty("max").GetDecimal()));
        Assert.Equal(15, pay.GetProperty("monthsPerYear").GetInt32());
        Assert.True(pay.GetProperty("monthsPerYearStated").GetBoolean());
        Assert.Equal((450000m, 900000m, 675000m), (pay.GetProperty("annualMin").GetDecimal(), pay.GetProperty("annualMax").GetDecimal(), pay.GetProperty("annualMidpoint").GetDecimal()));
        Assert.Equal(45000m, pay.GetProperty("monthlyMidpoint").GetDecimal());

        using var put = await PutAsync(client, location, "AI产品经理 薪资面议\n任职要求：熟悉大模型应用。", etag);
        Assert.Equal(HttpStatusCode.Accepted, put.StatusCode);
        await Pipeline.WaitUntilSettledAsync(client, location);
        var replaced = await CompensationAsync(client, location);
        Assert.True(replaced.GetProperty("negotiable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("min").ValueKind);
    }

    private static async Task<JsonElement> CompensationAsync(HttpClient client, Uri location)
    {
        using var response = await client.GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return job.GetProperty("compensation");
    }

    [Fact]
    public async Task An_update_without_If_Match_is_428_and_with_a_stale_ETag_is_412()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (location, etag) = await CreateIndexedJobAsync(client, "Training engineer: PyTorch.");

        await ProblemAssert.IsProblemAsync(await PutAsync(client, location, "New text", ifMatch: null), HttpStatusCode.PreconditionRequired, "precondition-required");
        using var first = await PutAsync(client, location, "First editor's text: JAX", etag);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        // The second editor still holds the old ETag: their change must not overwrite the first.
        await ProblemAssert.IsProblemAsync(await PutAsync(client, location, "Second editor's text", etag), HttpStatusCode.PreconditionFailed, "etag-mismatch");
    }

    [Fact]
    public async Task An_edit_opened_while_the_job_was_processing_is_saved_after_the_pipeline_changed_its_status()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        using var body = new StringContent("Training engineer: PyTorch.", Encoding.UTF8, "text/plain");
        using var posted = await client.PostAsync("/v1/jobs", body, Ct);
        using var opened = await client.GetAsync(posted.Headers.Location, Ct); // the recruiter opens the editor at once
        var etag = opened.Headers.ETag!.Tag;
        await Pipeline.WaitUntilSettledAsync(client, posted.Headers.Location!);

        // Parsing and indexing changed the job's status, and so its ETag; nobody changed its content.
        Assert.NotEqual(etag, (await client.GetAsync(posted.Headers.Location, Ct)).Headers.ETag!.Tag);
        using var saved = await PutAsync(client, posted.Headers.Location!, "Training engineer: PyTorch, JAX.", etag);
        Assert.Equal(HttpStatusCode.Accepted, saved.StatusCode);

        // Now the content has changed: the same tag is stale, and a tag that is not one of ours never matches.
        await ProblemAssert.IsProblemAsync(await PutAsync(client, posted.Headers.Location!, "Overwrite", etag), HttpStatusCode.PreconditionFailed, "etag-mismatch");
        await ProblemAssert.IsProblemAsync(await PutAsync(client, posted.Headers.Location!, "Overwrite", "\"1\""), HttpStatusCode.PreconditionFailed, "etag-mismatch");
    }

    [Fact]
    public async Task A_closed_job_cannot_be_replaced_and_another_tenants_job_is_404()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, other) = await _app.CreateTenantClientAsync();
        var (location, etag) = await CreateIndexedJobAsync(client, "Training engineer: PyTorch.");

        await ProblemAssert.IsProblemAsync(await PutAsync(other, location, "Hijack", etag), HttpStatusCode.NotFound, "not-found");
        using var closed = await client.PostAsync($"{location}/close", null, Ct);
        var current = (await client.GetAsync(location, Ct)).Headers.ETag!.Tag;
        await ProblemAssert.IsProblemAsync(await PutAsync(client, location, "Too late", current), HttpStatusCode.Conflict, "job-closed");
    }
}
