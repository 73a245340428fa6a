using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Core.Embeddings;
using TalentMatch.Core.Matching;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Matching as served is matching as the CLI computes it: a resume and a job submitted over HTTP score exactly
/// what <c>talentmatch match</c> gives for the same two texts (its steps: <c>ProfileFactory.Read</c>, the
/// factory's Candidate/Job, one embedding per profile text, <c>Matcher.Default</c>).
/// </summary>
public sealed class ServedMatchingTests : IAsyncDisposable
{
    private const string Resume = """
        Jane Doe
        Senior Machine Learning Engineer

        Summary: 6 years of experience training deep learning models.

        Experience
        Senior Machine Learning Engineer, Acme — Jan 2019 – Present
        • Trained 7B language models with PyTorch and DeepSpeed ZeRO-3 on 64 GPUs.
        Machine Learning Engineer, Beta — Jan 2017 – Dec 2018
        • Wrote CUDA kernels for fused attention.

        Languages
        English (native), German (C1)
        """;

    private const string Job = """
        Senior LLM Training Engineer
        Requirements:
        - 5+ years of experience
        - 3+ years of PyTorch
        - Distributed training with DeepSpeed
        - Fluent English
        Nice to have: Kubernetes.
        """;

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_served_match_has_exactly_the_score_and_components_of_the_cli_for_the_same_texts()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var job = await SubmitAndWaitAsync(client, "/v1/jobs", Job);
        var candidate = await SubmitAndWaitAsync(client, "/v1/candidates", Resume);
        var served = await FirstMatchAsync(client, $"/v1/jobs/{job.Id}/matches");

        var expected = await CliMatchAsync(job.Id, candidate.Id);

        Assert.Equal(candidate.Id.ToString(), served.GetProperty("candidateId").GetString());
        Assert.Equal(expected.Score, served.GetProperty("score").GetDouble());
        var components = served.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(expected.Components.Count, components.Count);
        foreach (var (want, got) in expected.Components.Zip(components))
        {
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(want.Component.ToString()), got.GetProperty("component").GetString());
            Assert.Equal(want.Applicable, got.GetProperty("applicable").GetBoolean());
            Assert.Equal(want.Score, got.GetProperty("score").GetDouble());
            Assert.Equal(want.Contribution, got.GetProperty("contribution").GetDouble());
            Assert.Equal(want.Detail, got.GetProperty("detail").GetString());
        }

        // What the served path used to lose: a resume's seniority and both sides' languages.
        Assert.True(expected.Components.Single(c => c.Component == MatchComponent.Seniority).Applicable);
        var languages = expected.Components.Single(c => c.Component == MatchComponent.Languages);
        Assert.Equal((true, 1.0), (languages.Applicable, languages.Score));
    }

    /// <summary>The CLI's steps (MatchCommand.LoadAsync) on the two texts, with the service's own embedding model.</summary>
    private async Task<MatchResult> CliMatchAsync(Guid jobId, Guid candidateId)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var resume = ProfileFactory.Read(Resume, DocumentKind.Resume, today, deadline: Ct);
        var ad = ProfileFactory.Read(Job, DocumentKind.Job, today, deadline: Ct);
        var generator = _app.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var resumeVector = await generator.GenerateAsync(ProfileEmbeddingText.BuildForResume(resume.Facts.Title, resume.Skills.Select(s => s.Name), resume.Text, Ct), cancellationToken: Ct);
        var jobVector = await generator.GenerateAsync(ProfileEmbeddingText.Build(ad.Facts.Title, ad.Skills.Select(s => s.Name), ad.Text), cancellationToken: Ct);
        return Matcher.Default.Score(
            ProfileFactory.Job(jobId.ToString(), ad, jobVector.Vector.ToArray()),
            ProfileFactory.Candidate(candidateId.ToString(), resume, resumeVector.Vector.ToArray()));
    }

    private static async Task<DocumentView> SubmitAndWaitAsync(HttpClient client, string route, string text)
    {
        using var body = new StringContent(text, System.Text.Encoding.UTF8, "text/plain");
        using var response = await client.PostAsync(route, body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!);
    }

    private static async Task<JsonElement> FirstMatchAsync(HttpClient client, string url)
    {
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await client.GetAsync(url, Ct);
            return response.StatusCode == HttpStatusCode.OK
                && (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("matches").GetArrayLength() > 0;
        }, "the candidate in the job's matches");
        return (await client.GetFromJsonAsync<JsonElement>(url, Ct)).GetProperty("matches")[0];
    }
}
