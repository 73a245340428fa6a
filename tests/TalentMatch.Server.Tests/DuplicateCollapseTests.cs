using System.Net;
using System.Net.Http.Json;
using System.Text;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// <c>collapse=duplicates</c> over HTTP on the embedded host: the same resume as text and as a PDF is one hit
/// (with the other's id) in search and in a job's match list, two without collapse; paging never shows a group
/// twice; another tenant's identical resume never collapses with ours; "not the same person" splits the group.
/// </summary>
public sealed class DuplicateCollapseTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record HitView(Guid Id, int Duplicates, List<Guid> DuplicateIds);

    private sealed record SearchView(long Total, List<HitView> Hits, string? NextCursor);

    private sealed record MatchView(Guid CandidateId);

    private sealed record CollapsedView(Guid CandidateId, int Count, List<Guid> DuplicateIds);

    private sealed record MatchesView(List<MatchView> Matches, List<CollapsedView> Duplicates);

    /// <summary>Another person who also serves models with vLLM.</summary>
    private const string OtherPerson = """
        Lin Wang
        LLM Inference Engineer
        lin.wang@example.cn | +86 139-1122-3344
        Experience
        Inference Engineer, Initech, Jun 2022 - Present
        Runs the vLLM fleet behind the company's assistant; wrote the speculative decoding rollout.
        Research Engineer, Hooli, 2019 - 2022
        Trained ranking models in TensorFlow; kept the Kubernetes training cluster busy.
        """;

    private const string Job = """
        Senior Machine Learning Engineer (LLM serving)
        Requirements: 5+ years of machine learning in production; PyTorch; vLLM and quantisation for GPU cost;
        retrieval-augmented generation. Nice to have: LightGBM, feature stores.
        """;

    [Fact]
    public async Task The_same_resume_as_text_and_as_a_PDF_is_one_hit_with_collapse_two_without_and_never_across_tenants()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, stranger) = await _app.CreateTenantClientAsync();
        var lines = DuplicateCandidatesTests.Resume("Jane Doe", "jane.doe@example.com");
        var text = await DuplicateCandidatesTests.SubmitAsync(client, () => new StringContent(string.Join('\n', lines), Encoding.UTF8, "text/plain"));
        var pdf = await DuplicateCandidatesTests.SubmitAsync(client, () => TestDocuments.Upload(TestDocuments.Pdf(lines), "Jane_Doe.pdf"));
        var other = await DuplicateCandidatesTests.SubmitAsync(client, () => new StringContent(OtherPerson, Encoding.UTF8, "text/plain"));
        var strangersCopy = await DuplicateCandidatesTests.SubmitAsync(stranger, () => new StringContent(string.Join('\n', lines), Encoding.UTF8, "text/plain"));

        // The api states the group once both are indexed; search applies it a moment later.
        SearchView collapsed = null!;
        await Eventually.HoldsAsync(async () =>
        {
            collapsed = await SearchAsync(client, "q=vLLM&collapse=duplicates");
            return collapsed.Hits.Any(h => h.Duplicates == 1);
        }, "the text and the PDF to collapse into one hit");
        var jane = Assert.Single(collapsed.Hits, h => h.Id == text || h.Id == pdf);
        Assert.Equal(1, jane.Duplicates);
        Assert.Equal([jane.Id == text ? pdf : text], jane.DuplicateIds);
        Assert.Contains(collapsed.Hits, h => h.Id == other && h.Duplicates == 0);
        Assert.DoesNotContain(collapsed.Hits, h => h.Id == strangersCopy);

        var plain = await SearchAsync(client, "q=vLLM");
        Assert.Contains(plain.Hits, h => h.Id == text);
        Assert.Contains(plain.Hits, h => h.Id == pdf);
        Assert.All(plain.Hits, h => Assert.Equal(0, h.Duplicates));

        // Another tenant's identical resume is alone in its own tenant.
        var strangers = await SearchAsync(stranger, "q=vLLM&collapse=duplicates");
        var alone = Assert.Single(strangers.Hits);
        Assert.Equal(strangersCopy, alone.Id);
        Assert.Equal(0, alone.Duplicates);

        // Pages of one hit: every group once, none split across pages.
        var seen = new List<Guid>();
        var query = "q=vLLM&collapse=duplicates&limit=1";
        for (var page = await SearchAsync(client, query); ; page = await SearchAsync(client, $"{query}&cursor={page.NextCursor}"))
        {
            seen.AddRange(page.Hits.SelectMany(h => h.DuplicateIds.Prepend(h.Id)));
            if (page.NextCursor is null)
            {
                break;
            }
        }

        Assert.Equal(3, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/search/candidates?q=vLLM&cursor={(await SearchAsync(client, "q=vLLM&limit=1")).NextCursor}&collapse=duplicates&limit=1", Ct),
            HttpStatusCode.BadRequest, "invalid-cursor"); // a cursor of the uncollapsed list points into another list

        // The match list of a job folds them the same way.
        var job = await Pipeline.SubmitIndexedAsync(client, "/v1/jobs", Job);
        MatchesView matches = null!;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await client.GetAsync($"/v1/jobs/{job}/matches?collapse=duplicates", Ct);
            matches = response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<MatchesView>(Pipeline.Json, Ct))! : null!;
            return matches?.Duplicates.Count == 1;
        }, "the job's match list to fold the duplicates");
        var folded = Assert.Single(matches.Duplicates);
        Assert.Single(matches.Matches, m => m.CandidateId == text || m.CandidateId == pdf);
        Assert.Equal([folded.CandidateId == text ? pdf : text], folded.DuplicateIds);
        Assert.Equal(1, folded.Count);
        using (var unfolded = await client.GetAsync($"/v1/jobs/{job}/matches", Ct))
        {
            var all = (await unfolded.Content.ReadFromJsonAsync<MatchesView>(Pipeline.Json, Ct))!;
            Assert.Contains(all.Matches, m => m.CandidateId == text);
            Assert.Contains(all.Matches, m => m.CandidateId == pdf);
            Assert.Empty(all.Duplicates);
        }

        // A recruiter's "not the same person" splits the group in search too.
        using (var decided = await client.PostAsJsonAsync($"/v1/candidates/{text}/not-duplicate", new { candidateId = pdf }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, decided.StatusCode);
        }

        await Eventually.HoldsAsync(async () =>
        {
            var split = await SearchAsync(client, "q=vLLM&collapse=duplicates");
            return split.Hits.Any(h => h.Id == text) && split.Hits.Any(h => h.Id == pdf) && split.Hits.All(h => h.Duplicates == 0);
        }, "the dismissed pair to stand as two hits");
    }

    [Fact]
    public async Task A_bad_collapse_value_and_collapse_on_jobs_or_matches_get_typed_problems()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/search/candidates?q=python&collapse=people", Ct), HttpStatusCode.BadRequest, "invalid-collapse");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/search/jobs?q=python&collapse=duplicates", Ct), HttpStatusCode.BadRequest, "invalid-collapse");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/jobs/{Guid.CreateVersion7()}/matches?collapse=all", Ct), HttpStatusCode.BadRequest, "invalid-collapse");
    }

    private static async Task<SearchView> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/v1/search/candidates?{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SearchView>(Pipeline.Json, Ct))!;
    }
}
