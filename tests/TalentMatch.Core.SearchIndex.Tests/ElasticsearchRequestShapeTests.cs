using System.Text;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex.Elasticsearch;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>
/// The Elasticsearch adapter on the client's in-memory transport: what it sends (paths, mapping, query JSON)
/// and how it reads canned answers. Runs everywhere, with or without a server.
/// </summary>
public sealed class ElasticsearchRequestShapeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (ElasticsearchSearchIndex Index, RecordingInvoker Invoker) Create(
        Func<HttpMethod, string, string?, (int, string)>? respond = null, ElasticsearchSearchIndexOptions? options = null) =>
        InMemoryElasticsearch.Create(respond, options);

    private static JsonNode Json(string? body) => JsonNode.Parse(body!)!;

    [Fact]
    public async Task Setup_puts_a_versioned_template_and_creates_the_first_index_behind_a_write_alias()
    {
        var (index, invoker) = Create();

        await index.EnsureIndexAsync(Ct);
        await index.EnsureIndexAsync(Ct); // once only

        Assert.Equal(
            [(HttpMethod.PUT, "_index_template/talentmatch-profiles"), (HttpMethod.HEAD, "_alias/talentmatch-profiles"), (HttpMethod.PUT, "talentmatch-profiles-v1")],
            invoker.Requests.Select(r => (r.Method, r.Path)));
        var template = Json(invoker.Requests[0].Body);
        Assert.Equal("talentmatch-profiles-v*", template["index_patterns"]![0]!.GetValue<string>());
        var properties = template["template"]!["mappings"]!["properties"]!;
        Assert.Equal("dense_vector", properties["vector"]!["type"]!.GetValue<string>());
        Assert.Equal(4, properties["vector"]!["dims"]!.GetValue<int>());
        Assert.Equal("cosine", properties["vector"]!["similarity"]!.GetValue<string>());
        Assert.Equal("int8_hnsw", properties["vector"]!["index_options"]!["type"]!.GetValue<string>());
        Assert.Equal("english", properties["text"]!["analyzer"]!.GetValue<string>());
        Assert.Equal("cjk", properties["text"]!["fields"]!["cjk"]!["analyzer"]!.GetValue<string>());
        Assert.Equal("keyword", properties["skill_paths"]!["type"]!.GetValue<string>());
        Assert.Equal("keyword", properties["tenant"]!["type"]!.GetValue<string>());
        Assert.True(Json(invoker.Requests[2].Body)["aliases"]!["talentmatch-profiles"]!["is_write_index"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_existing_alias_is_left_alone()
    {
        var (index, invoker) = Create((_, _, _) => (200, "{}"));

        await index.EnsureIndexAsync(Ct);

        Assert.DoesNotContain(invoker.Requests, r => r.Path == "talentmatch-profiles-v1");
        // Fields the template gained since the index was created are added to it in place.
        var mapping = invoker.Requests.Single(r => r.Path == "talentmatch-profiles/_mapping");
        Assert.Equal(HttpMethod.PUT, mapping.Method);
        Assert.Equal("text", Json(mapping.Body)["properties"]!["employers"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sorting_by_experience_sorts_by_years_missing_last_then_by_id_and_keeps_scores()
    {
        var (index, invoker) = Create((method, path, _) => path == "_msearch" ? (200, """{"responses":[{"hits":{"total":{"value":0},"hits":[]}}]}""") : (200, "{}"));

        await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "pytorch") { Sort = SearchSort.Experience }, Ct);

        var lexical = JsonNode.Parse(invoker.Requests.Single(r => r.Path == "_msearch").Body!.Split('\n')[1])!;
        // Then the shard tiebreaker that search_after pages by on a point in time (ElasticsearchPagingTests).
        Assert.Equal("""[{"years":{"order":"desc","missing":"_last"}},{"id":{"order":"desc"}},{"_shard_doc":{"order":"asc"}}]""", lexical["sort"]!.ToJsonString());
        Assert.True(lexical["track_scores"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_boolean_query_is_bool_query_objects_that_rank_bm25_and_filter_knn_never_a_query_string()
    {
        var (index, invoker) = Create((method, path, _) => path == "_msearch" ? (200, """{"responses":[{"hits":{"total":{"value":0},"hits":[]}},{"hits":{"hits":[]}}]}""") : (200, "{}"));
        var tree = QueryLanguage.QueryParser.Parse("(pytorch OR \"distributed training\") AND skill:zero-optimizer NOT employer:acme location:Berlin");

        await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "pytorch distributed training", Limit: 10) { Boolean = tree, Vector = [1, 0, 0, 0] }, Ct);

        var lines = invoker.Requests.Single(r => r.Path == "_msearch").Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var expected = """{"bool":{"must":[{"bool":{"should":[{"multi_match":{"query":"pytorch","type":"phrase","fields":["title^2","title.cjk^2","text","text.cjk"]}},{"multi_match":{"query":"distributed training","type":"phrase","fields":["title^2","title.cjk^2","text","text.cjk"]}}],"minimum_should_match":1}},{"bool":{"should":[{"constant_score":{"filter":{"term":{"skill_paths":"zero-optimizer"}}}},{"constant_score":{"filter":{"term":{"location":"berlin"}}}}],"minimum_should_match":1}}],"must_not":[{"multi_match":{"query":"acme","type":"phrase","fields":["employers","employers.cjk"]}}]}}""";
        Assert.Equal(expected, lines[1]["query"]!["bool"]!["must"]![0]!.ToJsonString());
        Assert.Equal(expected, lines[3]["knn"]!["filter"]!.AsArray()[^1]!.ToJsonString());
        Assert.DoesNotContain("query_string", invoker.Requests.Single(r => r.Path == "_msearch").Body!, StringComparison.Ordinal);
    }

    [Fact]
    public void Smartcn_can_replace_cjk_where_the_plugin_is_installed()
    {
        var (index, _) = Create(options: new ElasticsearchSearchIndexOptions { ChineseAnalyzer = "smartcn" });
        Assert.Equal("smartcn", index.Template()["template"]!["mappings"]!["properties"]!["title"]!["fields"]!["cjk"]!["analyzer"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_profile_is_written_through_the_alias_with_its_skill_ancestors_and_tenant_in_the_id()
    {
        var (index, invoker) = Create();
        var id = Guid.CreateVersion7();
        var profile = new IndexedProfile(id, DocumentKind.Resume, "LLM engineer", "ZeRO-3", ["zero-optimizer"])
        {
            Vector = [3, 0, 4, 0], Location = "Berlin", Remote = WorkMode.Remote, Seniority = "Senior", YearsOfExperience = 7, Language = "en",
        };

        await index.IndexAsync("acme/eu", profile, Ct);

        var (method, path, body) = invoker.Requests[^1];
        Assert.Equal(HttpMethod.PUT, method);
        // The revision (0) is the external version (1): an older revision never replaces a newer one.
        Assert.Equal($"talentmatch-profiles/_doc/acme%2Feu%7Cresume%7C{id}?refresh=wait_for&version=1&version_type=external_gte", path);
        var document = Json(body);
        Assert.Equal("acme/eu", document["tenant"]!.GetValue<string>());
        Assert.Equal(["zero-optimizer"], document["skills"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["zero-optimizer", "data-parallelism", "distributed-training", "llm-training"], document["skill_paths"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal([0.6f, 0f, 0.8f, 0f], document["vector"]!.AsArray().Select(v => v!.GetValue<float>()));
        Assert.Equal("berlin", document["location"]!.GetValue<string>());
        Assert.Equal("remote", document["remote"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_hybrid_query_is_one_msearch_of_bm25_with_filters_highlights_and_facets_and_a_prefiltered_knn()
    {
        var (index, invoker) = Create((method, path, _) => path == "_msearch" ? (200, """{"responses":[{"hits":{"total":{"value":0},"hits":[]}},{"hits":{"hits":[]}}]}""") : (200, "{}"));

        await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "distributed training", Limit: 10)
        {
            Vector = [1, 0, 0, 0], MustHaveSkills = ["distributed-training"], NiceToHaveSkills = ["pytorch"],
            YearsMin = 3, YearsMax = 10, Location = "Berlin", Remote = WorkMode.Hybrid, Seniority = "senior", Language = "en",
            Facets = SearchFacets.Skills | SearchFacets.Location,
        }, Ct);

        var request = invoker.Requests.Single(r => r.Path == "_msearch");
        var lines = request.Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(4, lines.Count);
        // Both on the point in time the first page opened; the headers name no index (the point in time fixes it).
        Assert.All(new[] { lines[0], lines[2] }, header => Assert.Equal("{}", header.ToJsonString()));
        Assert.All(new[] { lines[1], lines[3] }, search => Assert.Equal("""{"id":"pit-1","keep_alive":"600s"}""", search["pit"]!.ToJsonString()));

        var lexical = lines[1];
        var expectedFilter = """[{"term":{"tenant":"acme"}},{"term":{"kind":"resume"}},{"term":{"skill_paths":"distributed-training"}},{"range":{"years":{"gte":3,"lte":10}}},{"term":{"location":"berlin"}},{"term":{"remote":"hybrid"}},{"term":{"seniority":"senior"}},{"term":{"language":"en"}}]""";
        Assert.Equal(expectedFilter, lexical["query"]!["bool"]!["filter"]!.ToJsonString());
        Assert.Equal("""{"multi_match":{"query":"distributed training","type":"most_fields","fields":["title^2","title.cjk^2","text","text.cjk"]}}""",
            lexical["query"]!["bool"]!["must"]![0]!.ToJsonString());
        Assert.Equal("""[{"constant_score":{"filter":{"term":{"skill_paths":"pytorch"}},"boost":1.5}}]""", lexical["query"]!["bool"]!["should"]!.ToJsonString());
        // Hybrid: both lists are collected to the whole paging window, so every page fuses the same lists.
        Assert.Equal(SearchQuery.MaxWindow + 1, lexical["size"]!.GetValue<int>());
        Assert.Equal("html", lexical["highlight"]!["encoder"]!.GetValue<string>());
        Assert.Equal(["skills", "location"], lexical["aggs"]!.AsObject().Select(a => a.Key));

        // Matching's retrieval reads ids and groups only: no highlights asked for, the rest of the request the same.
        await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "distributed training", Limit: 10)
        {
            Vector = [1, 0, 0, 0], Facets = SearchFacets.Skills, WithoutText = true,
        }, Ct);
        var bare = invoker.Requests.Last(r => r.Path == "_msearch").Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Null(bare[1]["highlight"]);
        Assert.Equal(["skills"], bare[1]["aggs"]!.AsObject().Select(a => a.Key));

        var knn = lines[3]["knn"]!;
        Assert.Equal("vector", knn["field"]!.GetValue<string>());
        Assert.Equal(SearchQuery.MaxWindow + 1, knn["k"]!.GetValue<int>());
        Assert.Equal(expectedFilter, knn["filter"]!.ToJsonString());
    }

    [Fact]
    public async Task Hits_are_fused_by_reciprocal_rank_and_carry_highlights_facets_and_a_cursor()
    {
        Guid a = Guid.CreateVersion7(), b = Guid.CreateVersion7(), c = Guid.CreateVersion7();
        string Hit(Guid id, string highlight = "") => $$$"""{"_id":"acme|resume|{{{id}}}","_score":1.0,"_source":{"id":"{{{id}}}","title":null,"text":"text of {{{id}}}"}{{{highlight}}}}""";
        var answer = "{\"responses\":["
            + "{\"hits\":{\"total\":{\"value\":2},\"hits\":[" + Hit(a, ",\"highlight\":{\"text\":[\"<em>ray</em> serve\"]}") + "," + Hit(b) + "]},"
            + "\"aggregations\":{\"skills\":{\"buckets\":[{\"key\":\"ray\",\"doc_count\":2}]}}},"
            + "{\"hits\":{\"hits\":[" + Hit(b) + "," + Hit(c) + "]}}"
            + "]}";
        var (index, _) = Create((_, path, _) => path == "_msearch" ? (200, answer) : (200, "{}"));

        var results = await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "ray", Limit: 2) { Vector = [0, 1, 0, 0], Facets = SearchFacets.Skills }, Ct);

        // b is second in BM25 and first in kNN: 1/62 + 1/61 beats a's 1/61.
        Assert.Equal([b, a], results.Hits.Select(h => h.Id));
        Assert.Equal(["<em>ray</em> serve"], results.Hits[1].Highlights);
        Assert.Equal(3, results.Total);
        Assert.Equal([new FacetValue("ray", 2)], results.Facets["skills"]);
        Assert.NotNull(results.NextCursor);
    }

    [Fact]
    public async Task Bulk_indexing_retries_rejected_items_and_sends_batches_of_the_configured_size()
    {
        var attempts = 0;
        var (index, invoker) = Create((method, path, body) =>
        {
            if (!path.StartsWith("_bulk", StringComparison.Ordinal))
            {
                return method == HttpMethod.HEAD ? (404, "{}") : (200, "{}");
            }

            var count = body!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length / 2;
            // The first bulk of the first batch is rejected for its first item (429); everything else succeeds.
            var reject = Interlocked.Increment(ref attempts) == 1;
            var items = Enumerable.Range(0, count).Select(i => reject && i == 0 ? """{"index":{"status":429}}""" : """{"index":{"status":201}}""");
            return (200, $$"""{"errors":{{(reject ? "true" : "false")}},"items":[{{string.Join(",", items)}}]}""");
        }, new ElasticsearchSearchIndexOptions { BulkBatchSize = 2, RetryDelay = TimeSpan.FromMilliseconds(1), Dimensions = 4 });
        var profiles = Enumerable.Range(0, 5).Select(i => new IndexedProfile(Guid.CreateVersion7(), DocumentKind.Resume, null, $"p{i}", [])).ToList();

        await index.IndexManyAsync("acme", profiles, Ct);

        var bulks = invoker.Requests.Where(r => r.Path.StartsWith("_bulk", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, bulks.Count); // 3 batches (2, 2, 1) + 1 retry of one item
        Assert.Contains(bulks, r => r.Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 2);
        var indexed = bulks.SelectMany(r => r.Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 1))
            .Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(profiles.Select(p => p.Id.ToString()).ToHashSet(), indexed);
    }

    [Fact]
    public async Task A_bulk_item_that_fails_for_good_fails_the_call()
    {
        var (index, _) = Create((method, path, _) => path.StartsWith("_bulk", StringComparison.Ordinal)
            ? (200, """{"errors":true,"items":[{"index":{"status":400,"error":{"type":"mapper_parsing_exception"}}}]}""")
            : (method == HttpMethod.HEAD ? 404 : 200, "{}"));

        await Assert.ThrowsAsync<ElasticsearchSearchException>(() =>
            index.IndexManyAsync("acme", [new IndexedProfile(Guid.CreateVersion7(), DocumentKind.Resume, null, "x", [])], Ct));
    }

    [Fact]
    public async Task A_late_older_revision_is_sent_with_its_version_and_its_409_is_not_an_error()
    {
        var (index, invoker) = Create((method, path, _) => path.StartsWith("_bulk", StringComparison.Ordinal)
            ? (200, """{"errors":true,"items":[{"index":{"status":409,"error":{"type":"version_conflict_engine_exception"}}}]}""")
            : path.Contains("/_doc/", StringComparison.Ordinal) && method == HttpMethod.PUT
                ? (409, """{"error":{"type":"version_conflict_engine_exception"},"status":409}""")
                : (method == HttpMethod.HEAD ? 404 : 200, "{}"));
        var job = new IndexedProfile(Guid.CreateVersion7(), DocumentKind.Job, null, "x", []) { Revision = 4 };

        await index.IndexAsync("acme", job, Ct);
        await index.IndexManyAsync("acme", [job], Ct);

        Assert.EndsWith("?refresh=wait_for&version=5&version_type=external_gte", invoker.Requests.Single(r => r.Method == HttpMethod.PUT && r.Path.Contains("/_doc/", StringComparison.Ordinal)).Path, StringComparison.Ordinal);
        var bulk = invoker.Requests.Single(r => r.Path.StartsWith("_bulk", StringComparison.Ordinal));
        var action = JsonNode.Parse(bulk.Body!.Split('\n')[0])!["index"]!;
        Assert.Equal((5L, "external_gte"), (action["version"]!.GetValue<long>(), action["version_type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Get_checks_the_stored_tenant_and_delete_reports_a_missing_document()
    {
        var id = Guid.CreateVersion7();
        var (index, _) = Create((method, path, _) => (method, path) switch
        {
            (HttpMethod.GET, _) => (200, $$$"""{"found":true,"_source":{"tenant":"someone-else","kind":"resume","id":"{{{id}}}","text":"x","skills":[]}}"""),
            (HttpMethod.DELETE, _) => (404, """{"result":"not_found"}"""),
            (HttpMethod.HEAD, _) => (404, "{}"),
            _ => (200, "{}"),
        });

        Assert.Null(await index.GetAsync("acme", DocumentKind.Resume, id, Ct));
        Assert.False(await index.DeleteAsync("acme", DocumentKind.Resume, id, Ct));
    }

    [Fact]
    public async Task Reindexing_copies_into_the_next_version_and_swaps_the_alias_in_one_call()
    {
        var (index, invoker) = Create();

        await index.ReindexAsync(1, 2, Ct);

        Assert.Equal(["_index_template/talentmatch-profiles", "talentmatch-profiles-v2", "_reindex?wait_for_completion=true&refresh=true", "_aliases"],
            invoker.Requests.Select(r => r.Path));
        var actions = Json(invoker.Requests[^1].Body)["actions"]!.AsArray();
        Assert.Equal("talentmatch-profiles-v1", actions[0]!["remove"]!["index"]!.GetValue<string>());
        Assert.Equal("talentmatch-profiles-v2", actions[1]!["add"]!["index"]!.GetValue<string>());
    }
}
