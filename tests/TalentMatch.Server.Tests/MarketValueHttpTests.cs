using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// A gap report's market value (docs/insights.md): per missing skill, the open roles the candidate would match with it
/// and their median pay, on hand-made jobs whose figures are counted by hand below.
/// </summary>
public sealed class MarketValueHttpTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement Gap(JsonElement report, string skill) =>
        report.GetProperty("gaps").EnumerateArray().Single(g => g.GetProperty("skillId").GetString() == skill);

    [Fact]
    public async Task Each_gap_counts_the_open_roles_it_alone_stands_in_the_way_of_and_their_median_pay()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, other) = await _app.CreateTenantClientAsync();
        // Five roles asking for PyTorch and CUDA: the candidate lacks CUDA only. Midpoints 15K, 25K, 35K, 45K, 55K.
        for (var i = 1; i <= 5; i++)
        {
            await InsightsHttpTests.PostAsync(client, "jobs", $"推理工程师 {i}0-{i + 1}0K\n任职要求：\n1. 熟悉PyTorch；\n2. 熟悉CUDA。");
        }

        // Lacks CUDA and JAX: learning one alone does not make a match, so it counts for neither.
        var target = await InsightsHttpTests.PostAsync(client, "jobs", "研究工程师 50-60K\n任职要求：\n1. 熟悉PyTorch；\n2. 熟悉CUDA；\n3. 熟悉JAX。");
        // Already met: counts for no skill.
        await InsightsHttpTests.PostAsync(client, "jobs", "算法工程师 20-30K\n任职要求：\n1. 熟悉PyTorch。");
        // A closed role is not open: it counts nowhere.
        var closed = await InsightsHttpTests.PostAsync(client, "jobs", "推理工程师 90-100K\n任职要求：\n1. 熟悉PyTorch；\n2. 熟悉CUDA。");
        using (var closing = await client.PostAsync(new Uri(closed, closed.AbsolutePath + "/close"), null, Ct))
        {
            Assert.True(closing.IsSuccessStatusCode, closing.StatusCode.ToString());
        }

        // Another tenant's roles, asking for JAX alone as well: never in this tenant's market.
        for (var i = 0; i < 3; i++)
        {
            await InsightsHttpTests.PostAsync(other, "jobs", $"推理工程师 {i + 1}00-{i + 2}00K\n任职要求：\n1. 熟悉PyTorch；\n2. 熟悉CUDA。");
            await InsightsHttpTests.PostAsync(other, "jobs", "研究工程师 100-200K\n任职要求：\n1. 熟悉JAX。");
        }

        var candidate = await InsightsHttpTests.PostAsync(client, "candidates", "Jane Doe\nML Engineer\nSkills: PyTorch, Python");

        JsonElement report = default;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await client.GetAsync($"{candidate.AbsolutePath}/gaps?jobId={target.Segments[^1]}", Ct);
            if (response.StatusCode != HttpStatusCode.OK) return false;
            report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return Gap(report, "cuda").GetProperty("market").GetProperty("rolesConsidered").GetInt32() == 7;
        }, "the 7 open roles in matching's store");

        var cuda = Gap(report, "cuda").GetProperty("market");
        Assert.Equal(5, cuda.GetProperty("moreRoles").GetInt32());
        var pay = cuda.GetProperty("pay");
        Assert.Equal(("CNY", 5), (pay.GetProperty("currency").GetString(), pay.GetProperty("jobs").GetInt32()));
        Assert.Equal(35_000m, pay.GetProperty("monthly").GetProperty("p50").GetDecimal());
        Assert.Equal(420_000m, pay.GetProperty("annual").GetProperty("p50").GetDecimal());

        var jax = Gap(report, "jax").GetProperty("market");
        Assert.Equal((0, JsonValueKind.Null), (jax.GetProperty("moreRoles").GetInt32(), jax.GetProperty("pay").ValueKind));
    }
}
