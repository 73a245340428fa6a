using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Paging a search to the 1,000-hit depth over HTTP on the embedded host while documents keep being indexed
/// (ADR 0003, "Paging"): every hit that existed at the first page once, none written since, at each page size
/// clients use. The fixtures go straight into the search port: 1,000 resumes through the pipeline would test the
/// pipeline's speed, not paging.
/// </summary>
public sealed class SearchPagingHttpTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IndexedProfile Resume(DateTimeOffset submitted, string text, double years) =>
        new(Guid.CreateVersion7(submitted), DocumentKind.Resume, "ML engineer", text, ["pytorch"]) { YearsOfExperience = years };

    [Fact]
    public async Task Pages_reach_all_1000_hits_once_while_more_matching_resumes_are_indexed()
    {
        var index = _app.Services.GetRequiredService<ISearchIndex>();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var (limit, sort) in new[] { (20, "relevance"), (50, "relevance"), (100, "relevance"), (50, "newest"), (20, "experience") })
        {
            var (tenant, client) = await _app.CreateTenantClientAsync();
            // Different lengths and repetitions, so that BM25 ranks them in a spread-out order a newcomer can land anywhere in.
            var existing = Enumerable.Range(0, SearchQuery.MaxWindow).Select(i => Resume(
                start.AddMinutes(i), $"Triton kernel author {string.Join(' ', Enumerable.Repeat("triton", i % 4))} {string.Join(' ', Enumerable.Repeat("cuda", i % 9))}", i % 25)).ToList();
            await index.IndexManyAsync(tenant, existing, Ct);

            // After the first page, a writer keeps adding resumes that outrank the fixtures (more of the word, newer,
            // more years) until paging ends.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var written = 0;
            Task? writer = null;
            var seen = new List<Guid>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = await client.GetFromJsonAsync<JsonElement>(
                    $"/v1/search/candidates?q=triton&sort={sort}&limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"), Ct);
                Assert.Equal(existing.Count, page.GetProperty("total").GetInt64());
                seen.AddRange(page.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()));
                cursor = page.GetProperty("nextCursor").GetString();
                pages++;
                writer ??= Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await index.IndexManyAsync(tenant, [.. Enumerable.Range(0, 5).Select(j => Resume(DateTimeOffset.UtcNow, "Triton triton triton kernels", 40))], CancellationToken.None);
                        Interlocked.Add(ref written, 5);
                        await Task.Delay(10, CancellationToken.None);
                    }
                }, CancellationToken.None);
            }
            while (cursor is not null && pages <= SearchQuery.MaxWindow / limit);

            await stop.CancelAsync();
            await writer!;
            Assert.True(written > 0, $"Nothing was indexed while paging ({sort}, {limit}); the test would prove nothing.");
            Assert.Equal(SearchQuery.MaxWindow / limit, pages);
            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Equal(existing.Select(p => p.Id).ToHashSet(), seen.ToHashSet());

            // What is indexed now is found by a new search: the snapshot belonged to that paging only.
            var fresh = await client.GetFromJsonAsync<JsonElement>($"/v1/search/candidates?q=triton&limit=1", Ct);
            Assert.Equal(existing.Count + written, fresh.GetProperty("total").GetInt64());
        }
    }

    [Fact]
    public async Task A_cursor_is_refused_in_another_tenant()
    {
        var index = _app.Services.GetRequiredService<ISearchIndex>();
        var (tenant, client) = await _app.CreateTenantClientAsync();
        var (other, otherClient) = await _app.CreateTenantClientAsync();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await index.IndexManyAsync(tenant, [.. Enumerable.Range(0, 30).Select(i => Resume(start.AddMinutes(i), $"Triton author {i}", i))], Ct);
        await index.IndexManyAsync(other, [.. Enumerable.Range(0, 30).Select(i => Resume(start.AddMinutes(i), $"Triton author {i}", i))], Ct);

        var first = await client.GetFromJsonAsync<JsonElement>("/v1/search/candidates?q=triton&limit=10", Ct);
        var cursor = first.GetProperty("nextCursor").GetString();

        await ProblemAssert.IsProblemAsync(await otherClient.GetAsync($"/v1/search/candidates?q=triton&limit=10&cursor={cursor}", Ct), HttpStatusCode.BadRequest, "invalid-cursor");
        Assert.Equal(10, (await client.GetFromJsonAsync<JsonElement>($"/v1/search/candidates?q=triton&limit=10&cursor={cursor}", Ct)).GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public async Task Hostile_cursors_are_typed_400s()
    {
        var index = _app.Services.GetRequiredService<ISearchIndex>();
        var (tenant, client) = await _app.CreateTenantClientAsync();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await index.IndexManyAsync(tenant, [.. Enumerable.Range(0, 30).Select(i => Resume(start.AddMinutes(i), $"Triton author {i}", i))], Ct);
        var cursor = (await client.GetFromJsonAsync<JsonElement>("/v1/search/candidates?q=triton&limit=10", Ct)).GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..5] + (cursor[5] == 'A' ? 'B' : 'A') + cursor[6..];
        // The longest cursor an engine issues (an Elasticsearch one carries its point in time's id), one more, a
        // point-in-time cursor whose lengths point past its end, and a point-in-time cursor of another tenant.
        var hostile = new[]
        {
            tampered,
            new string('A', SearchCursor.MaxLength),
            new string('A', SearchCursor.MaxLength + 1),
            "AwAAAAr__w",
            SearchCursor.Encode("someone-else", new SearchQuery(DocumentKind.Resume, "triton", 10), 10, "pit", "[1.5,3]"),
        };

        foreach (var bad in hostile)
        {
            await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/search/candidates?q=triton&limit=10&cursor={Uri.EscapeDataString(bad)}", Ct), HttpStatusCode.BadRequest, "invalid-cursor");
        }
    }
}
