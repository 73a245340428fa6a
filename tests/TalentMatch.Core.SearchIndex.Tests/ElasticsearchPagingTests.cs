using System.Text.Json.Nodes;
using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex.Elasticsearch;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>
/// Paging on a point in time (ADR 0003, "Paging"), on the client's in-memory transport: the exact requests of a first
/// and a later page, what happens when the point in time is gone or a hit was deleted, and how many stay open. The
/// request bodies are checked against the Elasticsearch reference:
/// https://www.elastic.co/docs/reference/elasticsearch/rest-apis/paginate-search-results#search-after (a search with
/// <c>pit</c> names no index; <c>search_after</c> takes the previous page's last <c>sort</c> values; <c>_shard_doc</c>
/// is the tiebreaker on a point in time) and
/// https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-open-point-in-time (<c>POST /{index}/_pit?keep_alive=</c>,
/// <c>DELETE /_pit</c> with the id in the body). The same paging against a real server is the contract suite
/// (<see cref="SearchIndexContract"/>, ElasticsearchContractTests, where Docker or a server is available).
/// </summary>
public sealed class ElasticsearchPagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Guid[] Ids = [.. Enumerable.Range(0, 6).Select(i => Guid.CreateVersion7(new DateTimeOffset(2026, 1, 1, 0, 0, i, TimeSpan.Zero)))];

    /// <summary>A lexical answer of <paramref name="hits"/> (indices into <see cref="Ids"/>), each with sort values
    /// (its score, its shard doc), of <paramref name="total"/> matches.</summary>
    private static string Answer(int total, params int[] hits) =>
        "{\"responses\":[{\"hits\":{\"total\":{\"value\":" + total + "},\"hits\":[" + string.Join(',', hits.Select(i =>
            $$$"""{"_id":"acme|resume|{{{Ids[i]}}}","_score":{{{10 - i}}}.5,"_source":{"id":"{{{Ids[i]}}}","title":null,"text":"kernel {{{i}}}"},"sort":[{{{10 - i}}}.5,{{{100 + i}}}]}"""))
        + "]}}]}";

    private static List<JsonNode> MultiSearch((HttpMethod Method, string Path, string? Body) request) =>
        [.. request.Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    private static List<(HttpMethod Method, string Path, string? Body)> Searches(RecordingInvoker invoker) =>
        [.. invoker.Requests.Where(r => r.Path == "_msearch")];

    [Fact]
    public async Task A_first_page_opens_a_point_in_time_and_ranks_on_it_sorted_by_score_then_shard_doc()
    {
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, _) => path == "_msearch" ? (200, Answer(5, 0, 1, 2)) : (200, "{}"));

        var page = await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2), Ct);

        var open = invoker.Requests.Single(r => r.Path.Contains("_pit", StringComparison.Ordinal));
        Assert.Equal(HttpMethod.POST, open.Method);
        Assert.Equal("talentmatch-profiles/_pit?keep_alive=600s", open.Path);
        var lines = MultiSearch(Searches(invoker).Single());
        Assert.Equal("{}", lines[0].ToJsonString()); // no index with a point in time
        var lexical = lines[1].AsObject();
        Assert.NotNull(lexical["highlight"]);
        lexical.Remove("highlight");
        Assert.Equal(
            """{"size":3,"track_total_hits":true,"_source":["id","title","text","group"],"query":{"bool":{"filter":[{"term":{"tenant":"acme"}},{"term":{"kind":"resume"}}],"must":[{"multi_match":{"query":"kernel","type":"most_fields","fields":["title^2","title.cjk^2","text","text.cjk"]}}]}},"sort":[{"_score":{"order":"desc"}},{"_shard_doc":{"order":"asc"}}],"pit":{"id":"pit-1","keep_alive":"600s"}}""",
            lexical.ToJsonString());
        Assert.Equal([Ids[0], Ids[1]], page.Hits.Select(h => h.Id));
        Assert.Equal(5, page.Total);
        Assert.Equal(1, index.OpenPointsInTime("acme"));

        var position = SearchCursor.Decode("acme", new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2) { Cursor = page.NextCursor });
        Assert.Equal((2, "pit-1", "[9.5,101]"), (position.Offset, position.PointInTime, position.SearchAfter));
    }

    [Fact]
    public async Task A_later_page_searches_the_point_in_time_after_the_last_sort_values_and_opens_none()
    {
        var calls = 0;
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, _) => path == "_msearch"
            ? (200, ++calls == 1 ? Answer(5, 0, 1, 2) : Answer(5, 2, 3, 4))
            : (200, "{}"));
        var query = new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2) { Sort = SearchSort.Newest };

        var first = await index.SearchAsync("acme", query, Ct);
        var second = await index.SearchAsync("acme", query with { Cursor = first.NextCursor }, Ct);

        Assert.Single(invoker.Requests, r => r.Path.Contains("_pit", StringComparison.Ordinal));
        var lines = MultiSearch(Searches(invoker)[1]);
        Assert.Equal("{}", lines[0].ToJsonString());
        var lexical = lines[1].AsObject();
        Assert.Equal("""[{"id":{"order":"desc"}},{"_shard_doc":{"order":"asc"}}]""", lexical["sort"]!.ToJsonString());
        Assert.Equal("[9.5,101]", lexical["search_after"]!.ToJsonString()); // the first page's last hit
        Assert.Equal("""{"id":"pit-1","keep_alive":"600s"}""", lexical["pit"]!.ToJsonString());
        Assert.Equal(3, lexical["size"]!.GetValue<int>());
        Assert.Null(lexical["from"]);
        Assert.Equal([Ids[2], Ids[3]], second.Hits.Select(h => h.Id));
        Assert.Equal((4, "[7.5,103]"), Position(query, second.NextCursor));

        // Each page's hits are checked against the alias: a point in time still holds documents deleted since.
        var check = invoker.Requests.Last(r => r.Path.Contains("_mget", StringComparison.Ordinal));
        Assert.Equal("talentmatch-profiles/_mget?_source=false", check.Path);
        Assert.Equal($$"""{"ids":["acme|resume|{{Ids[2]}}","acme|resume|{{Ids[3]}}"]}""", check.Body);
    }

    private static (int Offset, string? SearchAfter) Position(SearchQuery query, string? cursor)
    {
        var position = SearchCursor.Decode("acme", query with { Cursor = cursor });
        return (position.Offset, position.SearchAfter);
    }

    [Fact]
    public async Task A_gone_point_in_time_continues_by_offset_on_a_new_one()
    {
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, body) => path != "_msearch" ? (200, "{}")
            : body!.Contains("pit-1", StringComparison.Ordinal) && body.Contains("search_after", StringComparison.Ordinal)
                ? (200, """{"responses":[{"error":{"type":"search_context_missing_exception","reason":"No search context found"},"status":404}]}""")
                : body.Contains("pit-2", StringComparison.Ordinal) ? (200, Answer(6, 0, 1, 5, 2, 3)) : (200, Answer(5, 0, 1, 2)));
        var query = new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2);

        var first = await index.SearchAsync("acme", query, Ct);
        var second = await index.SearchAsync("acme", query with { Cursor = first.NextCursor }, Ct);

        // The expired one failed; the page is then the offset on a new point in time, with the hits before it collected to be skipped.
        var retry = MultiSearch(Searches(invoker)[^1])[1];
        Assert.Equal("""{"id":"pit-2","keep_alive":"600s"}""", retry["pit"]!.ToJsonString());
        Assert.Null(retry["search_after"]);
        Assert.Equal(5, retry["size"]!.GetValue<int>());
        Assert.Equal([Ids[5], Ids[2]], second.Hits.Select(h => h.Id));
        Assert.Equal(6, second.Total);
        var next = SearchCursor.Decode("acme", query with { Cursor = second.NextCursor });
        Assert.Equal((4, "pit-2", "[8.5,102]"), (next.Offset, next.PointInTime, next.SearchAfter));
    }

    [Fact]
    public async Task The_next_page_searches_the_point_in_time_id_of_the_latest_answer_and_a_delete_closes_that_one()
    {
        // Elasticsearch may answer with another id for the same point in time: the next request must send the newest.
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, _) => path == "_msearch"
            ? (200, Answer(5, 0, 1, 2).Replace("{\"hits\"", "{\"pit_id\":\"pit-1b\",\"hits\"", StringComparison.Ordinal))
            : (200, "{}"));
        var query = new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2);

        var first = await index.SearchAsync("acme", query, Ct);
        await index.SearchAsync("acme", query with { Cursor = first.NextCursor }, Ct);
        await index.DeleteAsync("acme", DocumentKind.Resume, Ids[0], Ct);

        Assert.Equal("pit-1b", SearchCursor.Decode("acme", query with { Cursor = first.NextCursor }).PointInTime);
        Assert.Equal("pit-1b", MultiSearch(Searches(invoker)[1])[1]["pit"]!["id"]!.GetValue<string>());
        Assert.Equal(["""{"id":"pit-1b"}"""], invoker.Requests.Where(r => r.Method == HttpMethod.DELETE && r.Path == "_pit").Select(r => r.Body));
    }

    [Fact]
    public async Task A_point_in_time_gone_on_some_shards_only_is_gone_too()
    {
        var partial = """{"responses":[{"_shards":{"total":2,"successful":1,"failed":1},"hits":{"total":{"value":1},"hits":[]}}]}""";
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, body) => path != "_msearch" ? (200, "{}")
            : body!.Contains("search_after", StringComparison.Ordinal) ? (200, partial) : (200, Answer(5, 0, 1, 2, 3, 4)));
        var query = new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2);

        var first = await index.SearchAsync("acme", query, Ct);
        var second = await index.SearchAsync("acme", query with { Cursor = first.NextCursor }, Ct);

        Assert.Equal(2, invoker.Requests.Count(r => r.Path.Contains("/_pit", StringComparison.Ordinal)));
        Assert.Equal([Ids[2], Ids[3]], second.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_hit_deleted_since_the_point_in_time_opened_is_left_out_and_its_place_stays_empty()
    {
        var (index, _) = InMemoryElasticsearch.Create((_, path, body) => path == "_msearch" ? (200, Answer(5, 0, 1, 2))
            : path.Contains("_mget", StringComparison.Ordinal)
                ? (200, $$"""{"docs":[{"_id":"acme|resume|{{Ids[0]}}","found":true},{"_id":"acme|resume|{{Ids[1]}}","found":false}]}""")
                : (200, "{}"));
        var query = new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2);

        var page = await index.SearchAsync("acme", query, Ct);

        Assert.Equal([Ids[0]], page.Hits.Select(h => h.Id));
        Assert.Equal(2, SearchCursor.Decode("acme", query with { Cursor = page.NextCursor }).Offset);
    }

    [Fact]
    public async Task A_hybrid_page_fuses_the_whole_window_of_both_lists_on_the_point_in_time_and_takes_its_slice()
    {
        var knn = "{\"hits\":{\"hits\":[" + $$$"""{"_id":"acme|resume|{{{Ids[4]}}}","_score":0.9,"_source":{"id":"{{{Ids[4]}}}","title":null,"text":"near"}}""" + "]}}";
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, _) => path == "_msearch" ? (200, Answer(5, 0, 1, 2).Replace("]}}]}", "]}}," + knn + "]}", StringComparison.Ordinal)) : (200, "{}"));
        var query = new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2) { Vector = [1, 0, 0, 0] };

        var first = await index.SearchAsync("acme", query, Ct);
        var second = await index.SearchAsync("acme", query with { Cursor = first.NextCursor }, Ct);

        var lines = MultiSearch(Searches(invoker)[1]);
        Assert.All(new[] { lines[1], lines[3] }, search =>
        {
            Assert.Equal("""{"id":"pit-1","keep_alive":"600s"}""", search["pit"]!.ToJsonString());
            Assert.Null(search["search_after"]);
            Assert.Equal(SearchQuery.MaxWindow + 1, search["size"]!.GetValue<int>());
        });
        Assert.Null(lines[1]["sort"]); // a fused list is ranked by fusion, not by sort values
        Assert.Equal(first.Hits.Count, second.Hits.Count);
        Assert.Empty(first.Hits.Select(h => h.Id).Intersect(second.Hits.Select(h => h.Id)));
        var position = SearchCursor.Decode("acme", query with { Cursor = first.NextCursor });
        Assert.Equal((2, "pit-1", (string?)null), (position.Offset, position.PointInTime, position.SearchAfter));
    }

    [Fact]
    public async Task The_last_page_closes_its_point_in_time_and_so_does_a_first_page_without_a_next()
    {
        var calls = 0;
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, _) => path == "_msearch"
            ? (200, ++calls switch { 1 => Answer(3, 0, 1, 2), 2 => Answer(3, 2), _ => Answer(1, 5) })
            : (200, "{}"));
        var query = new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2);
        List<string?> Closed() => [.. invoker.Requests.Where(r => r.Method == HttpMethod.DELETE && r.Path == "_pit").Select(r => r.Body)];

        var first = await index.SearchAsync("acme", query, Ct);
        Assert.Empty(Closed());
        var last = await index.SearchAsync("acme", query with { Cursor = first.NextCursor }, Ct);
        Assert.Null(last.NextCursor);
        Assert.Equal(["""{"id":"pit-1"}"""], Closed());

        var single = await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "rare", Limit: 2), Ct);
        Assert.Null(single.NextCursor);
        Assert.Equal(["""{"id":"pit-1"}""", """{"id":"pit-2"}"""], Closed());
        Assert.Equal(0, index.OpenPointsInTime("acme"));
    }

    [Fact]
    public async Task A_delete_closes_every_open_point_in_time_of_every_tenant()
    {
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, _) => path == "_msearch" ? (200, Answer(5, 0, 1, 2)) : (200, "{}"));
        await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2), Ct);
        await index.SearchAsync("globex", new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2), Ct);

        await index.DeleteAsync("acme", DocumentKind.Resume, Ids[0], Ct);

        var closed = invoker.Requests.Where(r => r.Method == HttpMethod.DELETE && r.Path == "_pit").Select(r => JsonNode.Parse(r.Body!)!["id"]!.GetValue<string>());
        Assert.Equal(["pit-1", "pit-2"], closed.Order());
        Assert.Equal((0, 0), (index.OpenPointsInTime("acme"), index.OpenPointsInTime("globex")));
    }

    [Fact]
    public async Task A_tenant_holds_at_most_the_configured_points_in_time_and_its_least_recently_used_is_closed()
    {
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, _) => path == "_msearch" ? (200, Answer(5, 0, 1, 2)) : (200, "{}"),
            new ElasticsearchSearchIndexOptions { Dimensions = 4, MaxPointsInTimePerTenant = 2 });

        for (var i = 0; i < 3; i++)
        {
            await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, $"kernel {i}", Limit: 2), Ct);
        }

        await index.SearchAsync("globex", new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2), Ct);
        var closed = invoker.Requests.Where(r => r.Method == HttpMethod.DELETE && r.Path == "_pit").Select(r => r.Body).ToList();
        Assert.Equal(["""{"id":"pit-1"}"""], closed);
        Assert.Equal((2, 1), (index.OpenPointsInTime("acme"), index.OpenPointsInTime("globex")));
    }

    [Fact]
    public async Task A_lookup_among_given_ids_opens_no_point_in_time()
    {
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, _) => path == "_msearch" ? (200, Answer(1, 0)) : (200, "{}"));

        await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "kernel", Limit: 1) { OnlyIds = [Ids[0]] }, Ct);

        Assert.DoesNotContain(invoker.Requests, r => r.Path.Contains("_pit", StringComparison.Ordinal));
        Assert.Equal("talentmatch-profiles", MultiSearch(Searches(invoker).Single())[0]["index"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("[[1]]")]
    [InlineData("[1,2,3,4,5]")]
    [InlineData("not json")]
    public async Task Sort_values_that_no_page_writes_are_a_typed_invalid_cursor(string searchAfter)
    {
        var (index, invoker) = InMemoryElasticsearch.Create((_, path, _) => path == "_msearch" ? (200, Answer(5, 0, 1, 2)) : (200, "{}"));
        var query = new SearchQuery(DocumentKind.Resume, "kernel", Limit: 2);
        // Sealed as a cursor is, by someone who computed the seal: its contents are still checked before they are sent.
        var forged = SearchCursor.Encode("acme", query, 2, "pit-1", searchAfter);

        await Assert.ThrowsAsync<InvalidCursorException>(() => index.SearchAsync("acme", query with { Cursor = forged }, Ct));
        Assert.Empty(Searches(invoker));
    }
}
