using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentMatch.Server.Tests.Infrastructure;

public sealed record DocumentView(Guid Id, string Status, string? Title, string Text, JsonElement Skills, JsonElement? Rejection);

public sealed record SearchView(string Query, long Total, List<SearchHitView> Hits);

public sealed record SearchHitView(Guid Id, string? Title, double Score, string Snippet);

/// <summary>What a client does with the API: submit, wait for the pipeline, read back, search.</summary>
public static class Pipeline
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Polls the document's URL until the pipeline is done with it (indexed or rejected).</summary>
    public static async Task<DocumentView> WaitUntilSettledAsync(HttpClient api, Uri location)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(Patience.TotalSeconds * TimeProvider.System.TimestampFrequency);
        DocumentView? last = null;
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            using var response = await api.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = await response.Content.ReadFromJsonAsync<DocumentView>(Json);
            if (last!.Status is "indexed" or "rejected")
            {
                return last;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{location} still '{last?.Status}' after {Patience.TotalSeconds} s");
        return null!;
    }

    /// <summary>Submits a text (POST to <paramref name="route"/>, /v1/candidates or /v1/jobs) and waits until it is indexed; its id.</summary>
    public static async Task<Guid> SubmitIndexedAsync(HttpClient api, string route, string text)
    {
        using var body = new StringContent(text, System.Text.Encoding.UTF8, "text/plain");
        using var response = await api.PostAsync(route, body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var document = await WaitUntilSettledAsync(api, response.Headers.Location!);
        Assert.Equal("indexed", document.Status);
        return document.Id;
    }

    public static List<string?> SkillNames(DocumentView document) =>
        [.. document.Skills.EnumerateArray().Select(s => s.GetProperty("name").GetString())];

    public static async Task<SearchView> SearchAsync(HttpClient search, string kind, string query)
    {
        using var response = await search.GetAsync($"/v1/search/{kind}?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SearchView>(Json))!;
    }

    /// <summary>
    /// The first end-to-end path: a resume and a job go in over HTTP, through the bus (ingestion,
    /// embedding, search), and come back by id and by keyword; a document with no readable text
    /// ends rejected with its reason. <paramref name="search"/> may be another process than <paramref name="api"/>.
    /// </summary>
    public static async Task RunFirstPathAsync(HttpClient api, HttpClient search)
    {
        // A marker word per run: the index may hold other tests' documents, this proves *ours* is found.
        var marker = "zx" + Guid.NewGuid().ToString("N")[..10];
        using var resumeBody = new StringContent(
            $"Jane Doe, ML infrastructure engineer. Five years of PyTorch and DeepSpeed ZeRO-3 on 512 GPUs; {marker}.",
            System.Text.Encoding.UTF8, "text/plain");
        using var resumePost = await api.PostAsync("/v1/candidates", resumeBody);
        Assert.Equal(HttpStatusCode.Accepted, resumePost.StatusCode);
        Assert.NotNull(resumePost.Headers.Location);

        using var jobPost = await api.PostAsJsonAsync("/v1/jobs", new
        {
            title = $"LLM training engineer {marker}",
            text = "招聘大模型训练工程师，精通PyTorch、DeepSpeed，熟悉分布式训练。",
        });
        Assert.Equal(HttpStatusCode.Accepted, jobPost.StatusCode);

        using var rejectedPost = await api.PostAsJsonAsync("/v1/candidates", new { text = "\u0001\u0002\u0003" });
        Assert.Equal(HttpStatusCode.Accepted, rejectedPost.StatusCode);

        var candidate = await WaitUntilSettledAsync(api, resumePost.Headers.Location);
        Assert.Equal("indexed", candidate.Status);
        Assert.Contains(marker, candidate.Text, StringComparison.Ordinal);
        Assert.Contains("PyTorch", SkillNames(candidate));

        var job = await WaitUntilSettledAsync(api, jobPost.Headers.Location!);
        Assert.Equal("indexed", job.Status);
        Assert.Equal($"LLM training engineer {marker}", job.Title);
        Assert.Contains("PyTorch", SkillNames(job)); // recognised in Chinese text

        var rejected = await WaitUntilSettledAsync(api, rejectedPost.Headers.Location!);
        Assert.Equal("rejected", rejected.Status);
        Assert.Equal("empty-document", rejected.Rejection!.Value.GetProperty("reason").GetString());

        var candidates = await SearchAsync(search, "candidates", $"DeepSpeed {marker}");
        Assert.Equal(candidate.Id, candidates.Hits[0].Id);
        Assert.Contains(marker, candidates.Hits[0].Snippet, StringComparison.Ordinal);

        // Chinese text is searchable too (CJK bigrams), and jobs and candidates do not mix.
        var jobs = await SearchAsync(search, "jobs", $"分布式训练 {marker}");
        Assert.Equal(job.Id, jobs.Hits[0].Id);
        Assert.DoesNotContain(jobs.Hits, h => h.Id == candidate.Id);
    }
}
