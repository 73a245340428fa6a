using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>"More like this" over HTTP on the embedded host: the real pipeline, ONNX vectors and index.</summary>
public sealed class SimilarCandidatesHttpTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<Guid>> SimilarAsync(HttpClient client, Guid id, int limit = 10)
    {
        var results = await client.GetFromJsonAsync<JsonElement>($"/v1/candidates/{id}/similar?limit={limit}", Ct);
        Assert.Equal(id, results.GetProperty("candidateId").GetGuid());
        return [.. results.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid())];
    }

    [Fact]
    public async Task Similar_candidates_rank_the_closest_first_leave_the_candidate_out_and_stay_in_the_tenant()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, stranger) = await _app.CreateTenantClientAsync();
        var trainer = await Pipeline.SubmitIndexedAsync(client, "/v1/candidates",
            "Senior ML engineer. Distributed training of large language models with PyTorch, DeepSpeed and Megatron-LM on GPU clusters.");
        var alike = await Pipeline.SubmitIndexedAsync(client, "/v1/candidates",
            "ML engineer. Large language model pre-training with PyTorch and DeepSpeed, distributed across hundreds of GPUs.");
        var accountant = await Pipeline.SubmitIndexedAsync(client, "/v1/candidates",
            "Chartered accountant. Bookkeeping, tax returns and audits for small businesses in Excel.");
        var theirs = await Pipeline.SubmitIndexedAsync(stranger, "/v1/candidates",
            "ML engineer. Distributed training of large language models with PyTorch and DeepSpeed.");

        var similar = await SimilarAsync(client, trainer);
        Assert.Equal(alike, similar[0]);
        Assert.DoesNotContain(trainer, similar);
        Assert.DoesNotContain(theirs, similar);
        Assert.DoesNotContain(accountant, await SimilarAsync(client, accountant));
        // The accountant shares nothing with the two: last for both.
        Assert.Equal(accountant, (await SimilarAsync(client, alike))[^1]);
        Assert.Single(await SimilarAsync(client, trainer, limit: 1));

        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/v1/candidates/{trainer}/similar", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/candidates/{Guid.NewGuid()}/similar", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/candidates/{trainer}/similar?limit=0", Ct), HttpStatusCode.BadRequest, "invalid-limit");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/candidates/{trainer}/similar?limit=101", Ct), HttpStatusCode.BadRequest, "invalid-limit");
    }

    [Fact]
    public async Task A_candidate_merged_into_another_is_neither_similar_nor_a_subject()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        const string Text = "Senior ML engineer. Distributed training with PyTorch and DeepSpeed on GPU clusters.";
        var older = await Pipeline.SubmitIndexedAsync(client, "/v1/candidates", Text);
        var newer = await Pipeline.SubmitIndexedAsync(client, "/v1/candidates", Text + " Also JAX.");
        var other = await Pipeline.SubmitIndexedAsync(client, "/v1/candidates", "ML engineer: PyTorch, DeepSpeed, distributed training.");
        Assert.Contains(older, await SimilarAsync(client, other));

        using (var merged = await client.PostAsJsonAsync($"/v1/candidates/{newer}/merge", new { duplicates = new[] { older } }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        }

        // The merge is accepted before search drops the merged-away version.
        await Eventually.HoldsAsync(async () => !(await SimilarAsync(client, other)).Contains(older), "the merged-away version out of the similar list");
        Assert.Contains(newer, await SimilarAsync(client, other));
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/candidates/{older}/similar", Ct), HttpStatusCode.NotFound, "not-found");
    }
}
