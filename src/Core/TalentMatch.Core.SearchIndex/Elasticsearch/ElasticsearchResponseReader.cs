using System.Text.Json.Nodes;

namespace TalentMatch.Core.SearchIndex.Elasticsearch;

/// <summary>
/// Reads the answer of an <c>_msearch</c> built by <see cref="ElasticsearchQueryBuilder.BuildSearches"/>: takes
/// the response body and the names of its searches, fuses the <c>lexical</c> and <c>knn</c> lists with the same
/// reciprocal rank fusion as the embedded engine, and produces the page of <see cref="SearchHit"/>s with
/// highlights, the total, the facets and the next cursor.
/// </summary>
internal static class ElasticsearchResponseReader
{
    private const int SnippetLength = 240;

    /// <exception cref="ElasticsearchSearchException">One of the searches failed.</exception>
    public static SearchResults ReadSearch(JsonNode body, IReadOnlyList<(string Name, JsonObject Body)> searches,
        string tenantId, SearchQuery query, ElasticsearchPaging paging, int offset, int limit)
    {
        var responses = body["responses"]!.AsArray();
        var lists = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        var documents = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        JsonNode? facetSource = null;
        long lexicalTotal = 0, filteredTotal = 0;
        for (var i = 0; i < searches.Count; i++)
        {
            var result = responses[i]!;
            if (result["error"] is { } error)
            {
                throw new ElasticsearchSearchException($"Search '{searches[i].Name}' failed: {ElasticsearchSearchIndex.Excerpt(error.ToJsonString())}");
            }

            var hits = result["hits"]!["hits"]!.AsArray();
            lists[searches[i].Name] = hits;
            foreach (var hit in hits)
            {
                documents.TryAdd(hit!["_id"]!.GetValue<string>(), hit);
            }

            var total = result["hits"]!["total"]?["value"]?.GetValue<long>() ?? 0;
            if (searches[i].Name == "lexical")
            {
                lexicalTotal = total;
            }
            else if (searches[i].Name == "filtered")
            {
                filteredTotal = total;
            }

            if (result["aggregations"] is not null)
            {
                facetSource = result["aggregations"];
            }
        }

        var (ranked, totalHits) = Fuse(lists, lexicalTotal, filteredTotal);
        Guid IdOf(string docId) => Guid.Parse(documents[docId]["_source"]!["id"]!.GetValue<string>());
        var folded = query.CollapseDuplicates
            ? DuplicateCollapse.Fold(ranked, r => ElasticsearchDocumentMapper.GroupOf(documents[r.Id]["_source"]!))
            : ranked.Select(r => (Best: r, Others: new List<(string Id, double Score)>())).ToList();
        var page = folded.Skip(paging.Skip).Take(limit).ToList();
        var pageHits = page.Select(f =>
        {
            var r = f.Best;
            var hit = documents[r.Id];
            var source = hit["_source"]!;
            // English fragments when the English analysis matched, else the CJK ones (the same text, analysed twice).
            var fragments = hit["highlight"]?["text"]?.AsArray() ?? hit["highlight"]?["text.cjk"]?.AsArray();
            var highlights = fragments?.Select(h => h!.GetValue<string>()).Take(3).ToList() ?? [];
            var text = source["text"]?.GetValue<string>() ?? "";
            return new SearchHit(Guid.Parse(source["id"]!.GetValue<string>()), query.Kind, source["title"]?.GetValue<string>(), r.Score,
                text.Length <= SnippetLength ? text : text[..SnippetLength] + "…")
            {
                Highlights = highlights,
                DuplicateGroup = ElasticsearchDocumentMapper.GroupOf(source),
                Duplicates = [.. f.Others.Select(o => IdOf(o.Id))],
            };
        }).ToList();

        return new SearchResults(totalHits, pageHits)
        {
            Facets = ReadFacets(facetSource, query.Facets),
            NextCursor = NextCursor(tenantId, query, paging with { PointInTime = PointInTimeId(body, paging) }, offset, limit,
                offset - paging.Skip + folded.Count, page.Count == 0 ? null : documents[page[^1].Best.Id]["sort"]),
        };
    }

    /// <summary>
    /// The next page's cursor: on the point in time with the page's last sort values when the list is paged by
    /// <c>search_after</c>, on the point in time by offset otherwise, or by offset alone without a point in time (or when
    /// the id and values are longer than a cursor carries).
    /// </summary>
    private static string? NextCursor(string tenantId, SearchQuery query, ElasticsearchPaging paging, int offset, int limit, long available, JsonNode? lastSort)
    {
        if (!SearchCursor.HasNext(offset, limit, available))
        {
            return null;
        }

        var after = paging.BySearchAfter ? lastSort?.ToJsonString() : null;
        return paging.PointInTime is { } pit && (!paging.BySearchAfter || after is not null) && SearchCursor.Fits(pit, after)
            ? SearchCursor.Encode(tenantId, query, offset + limit, pit, after)
            : SearchCursor.Encode(tenantId, query, offset + limit);
    }

    /// <summary>
    /// Whether a search of the response failed because its point in time is gone: expired or closed (404,
    /// <c>search_context_missing_exception</c>), an id Elasticsearch does not read (400), or gone on some shards only
    /// (a partial answer, <c>_shards.failed</c>, is no slice of the first page's ranking). Only asked when the point
    /// in time came from a cursor.
    /// </summary>
    public static bool PointInTimeGone(JsonNode body) =>
        body["responses"]?.AsArray().Any(r =>
            (r?["error"] is not null && r["status"]?.GetValue<int>() is 404 or 400) || r?["_shards"]?["failed"]?.GetValue<int>() > 0) == true;

    /// <summary>
    /// The point in time the next page searches: the <c>pit_id</c> of the answer, which may differ from the one sent
    /// ("always use the most recently received ID for the next search request",
    /// https://www.elastic.co/docs/reference/elasticsearch/rest-apis/point-in-time-api), else the one sent.
    /// </summary>
    public static string? PointInTimeId(JsonNode body, ElasticsearchPaging paging) =>
        paging.PointInTime is null ? null : body["responses"]?[0]?["pit_id"]?.GetValue<string>() ?? paging.PointInTime;

    /// <summary>The ids of the page's hits and their folded duplicates, as the index names them.</summary>
    public static IEnumerable<Guid> IdsOf(SearchResults results) => results.Hits.SelectMany(h => h.Duplicates.Prepend(h.Id));

    /// <summary>
    /// Hybrid ranking (ADR 0003): reciprocal rank fusion of the <c>lexical</c> and <c>knn</c> lists when there
    /// are both; the kNN list alone scored by rank; else the lexical hits with their BM25 scores. The total
    /// counts the lexical matches plus the neighbours outside them, or the filtered set when the vector ranks alone.
    /// </summary>
    private static (List<(string Id, double Score)> Ranked, long Total) Fuse(Dictionary<string, JsonArray> lists, long lexicalTotal, long filteredTotal)
    {
        var lexicalIds = lists.TryGetValue("lexical", out var l) ? l.Select(h => h!["_id"]!.GetValue<string>()).ToList() : null;
        var knnIds = lists.TryGetValue("knn", out var k) ? k.Select(h => h!["_id"]!.GetValue<string>()).ToList() : null;
        if (lexicalIds is not null && knnIds is not null)
        {
            var fused = ReciprocalRankFusion.Fuse<string>(lexicalIds, knnIds);
            var inLexical = lexicalIds.ToHashSet(StringComparer.Ordinal);
            return (fused, lexicalTotal + knnIds.Count(id => !inLexical.Contains(id)));
        }

        if (knnIds is not null)
        {
            return ([.. knnIds.Select((id, i) => (id, 1.0 / (ReciprocalRankFusion.K + i + 1)))], filteredTotal);
        }

        return ([.. lists["lexical"].Select(h => (h!["_id"]!.GetValue<string>(), h["_score"]?.GetValue<double?>() ?? 0))], lexicalTotal);
    }

    private static Dictionary<string, IReadOnlyList<FacetValue>> ReadFacets(JsonNode? aggregations, SearchFacets facets)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var (name, _, flag) in ElasticsearchQueryBuilder.FacetFields)
        {
            if (facets.HasFlag(flag))
            {
                result[name] = aggregations?[name]?["buckets"]?.AsArray()
                    .Select(b => new FacetValue(b!["key"]!.GetValue<string>(), b["doc_count"]!.GetValue<long>()))
                    .ToList() ?? [];
            }
        }

        return result;
    }
}
