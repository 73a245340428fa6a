using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Platform.Security;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>The taxonomy over HTTP: what a skill picker and a skills page need.</summary>
public sealed class SkillHttpTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() => (_, _client) = await _app.CreateTenantClientAsync(Scopes.CandidatesRead);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<string>> SuggestAsync(string q)
    {
        var result = await _client.GetFromJsonAsync<JsonElement>($"/v1/skills/autocomplete?q={Uri.EscapeDataString(q)}", Ct);
        return [.. result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    [Fact]
    public async Task Typing_the_start_of_a_skill_suggests_it_first()
    {
        Assert.Equal("pytorch", (await SuggestAsync("pytor"))[0]);
        Assert.Equal("zero-optimizer", (await SuggestAsync("ZeRO-3"))[0]);
    }

    [Fact]
    public async Task Chinese_names_and_aliases_autocomplete_too()
    {
        Assert.Contains("distributed-training", await SuggestAsync("分布式训练"));
    }

    [Fact]
    public async Task A_skill_shows_where_it_sits_in_the_taxonomy()
    {
        var zero = await _client.GetFromJsonAsync<JsonElement>("/v1/skills/zero-optimizer", Ct);

        Assert.Contains(zero.GetProperty("parents").EnumerateArray(), p => p.GetProperty("id").GetString() == "data-parallelism");
        Assert.NotEmpty(zero.GetProperty("aliases").EnumerateArray());
        var distributed = await _client.GetFromJsonAsync<JsonElement>("/v1/skills/distributed-training", Ct);
        Assert.NotEmpty(distributed.GetProperty("children").EnumerateArray());
    }

    [Fact]
    public async Task Pages_of_a_category_list_each_skill_once()
    {
        var first = await _client.GetFromJsonAsync<JsonElement>("/v1/skills?limit=100", Ct);
        var category = first.GetProperty("items")[0].GetProperty("category").GetString();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await _client.GetFromJsonAsync<JsonElement>($"/v1/skills?category={Uri.EscapeDataString(category!)}&limit=7&cursor={cursor}", Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Equal(category, i.GetProperty("category").GetString()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.NotEmpty(seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("/v1/skills/autocomplete", HttpStatusCode.BadRequest, "invalid-query")]
    [InlineData("/v1/skills/autocomplete?q=py&limit=0", HttpStatusCode.BadRequest, "invalid-limit")]
    [InlineData("/v1/skills?cursor=%%%", HttpStatusCode.BadRequest, "invalid-cursor")]
    [InlineData("/v1/skills/no-such-skill", HttpStatusCode.NotFound, "not-found")]
    public async Task Bad_requests_get_problem_details(string url, HttpStatusCode status, string type) =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync(url, Ct), status, type);

    [Fact]
    public async Task The_taxonomy_needs_a_key()
    {
        using var anonymous = _app.CreateClient();
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/v1/skills/autocomplete?q=py", Ct), HttpStatusCode.Unauthorized, "missing-api-key");
    }
}
