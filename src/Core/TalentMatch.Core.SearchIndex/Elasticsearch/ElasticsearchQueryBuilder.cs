using System.Text.Json.Nodes;

namespace TalentMatch.Core.SearchIndex.Elasticsearch;

/// <summary>
/// How the searches of one page read the index (ADR 0003, "Paging"). <paramref name="PointInTime"/>: the point in time
/// every search of the page runs on (null: the live alias). <paramref name="BySearchAfter"/>: a single lexical list,
/// sorted with the shard tiebreaker so that <paramref name="SearchAfter"/> (the previous page's last sort values, a JSON
/// array) can continue it; otherwise (a fused or collapsed list, or a kNN list) every page collects the window and takes
/// its slice. <paramref name="Depth"/> hits are collected per list, of which the first <paramref name="Skip"/> are before the page.
/// </summary>
internal sealed record ElasticsearchPaging(string? PointInTime, string KeepAlive, bool BySearchAfter, string? SearchAfter, int Skip, int Depth)
{
    /// <summary>The live alias, by offset (no point in time, or none could be opened).</summary>
    public static ElasticsearchPaging Live(SearchQuery query, int offset, int limit) =>
        new(null, "", false, null, offset, SearchCursor.CollectDepth(offset, limit, ElasticsearchQueryBuilder.IsFused(query), query));

    /// <summary>On a point in time: by <c>search_after</c> when the query ranks one lexical list, else by offset into the window.</summary>
    public static ElasticsearchPaging OnPointInTime(SearchQuery query, string pointInTime, string keepAlive, int offset, int limit, string? searchAfter)
    {
        if (!ElasticsearchQueryBuilder.PagesBySearchAfter(query))
        {
            return Live(query, offset, limit) with { PointInTime = pointInTime, KeepAlive = keepAlive };
        }

        // After the previous page's last hit the page starts at once; without its sort values (a first page, or a
        // cursor whose point in time is gone) it starts at the offset. One more than the page tells whether another exists.
        var skip = searchAfter is null ? offset : 0;
        return new(pointInTime, keepAlive, true, searchAfter, skip, skip + limit + 1);
    }
}

/// <summary>
/// Turns a <see cref="SearchQuery"/> into the searches of one <c>_msearch</c> (query DSL JSON): the filter
/// (tenant, kind and the query's filters), the BM25 query with nice-to-have boosts and highlights, the
/// pre-filtered kNN query and the facet aggregations, sized by the options.
/// </summary>
internal sealed class ElasticsearchQueryBuilder(ElasticsearchSearchIndexOptions options)
{
    /// <summary>The facets: name in the response, keyword field aggregated, flag that asks for it.</summary>
    public static readonly (string Name, string Field, SearchFacets Flag)[] FacetFields =
    [
        ("skills", "skills", SearchFacets.Skills),
        ("seniority", "seniority", SearchFacets.Seniority),
        ("location", "location", SearchFacets.Location),
    ];

    /// <summary>Whether the query ranks by two lists fused (BM25 or nice-to-have skills, and kNN).</summary>
    public static bool IsFused(SearchQuery query) =>
        query.Vector is not null && (query.Boolean is not null || HasWords(query.Text) || query.NiceToHaveSkills.Count > 0);

    /// <summary>The searches of one <c>_msearch</c>: <c>lexical</c> (BM25 + nice-to-have, highlights, facets when
    /// there are words), <c>knn</c> (pre-filtered approximate kNN) and <c>filtered</c> (count and facets of the
    /// filtered set when there are no words).</summary>
    /// <summary>Whether the query ranks one lexical list (no vector, nothing folded), which <c>search_after</c> can page:
    /// a fused list's scores are not monotone across pages, and a collapsed one is folded over the whole window.</summary>
    public static bool PagesBySearchAfter(SearchQuery query) => query.Vector is null && !query.CollapseDuplicates;

    /// <summary>
    /// With a point in time every search carries <c>pit</c> (<c>id</c>, <c>keep_alive</c>) and the <c>_msearch</c> header
    /// names no index (a point in time fixes the indices: "A search request with the pit parameter must not specify
    /// index, routing, or preference", https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-open-point-in-time).
    /// Paged by <c>search_after</c>, the lexical list is sorted by its order and then by <c>_shard_doc</c>, the tiebreaker
    /// that makes the order total on a point in time, and later pages send the previous page's last sort values
    /// (https://www.elastic.co/docs/reference/elasticsearch/rest-apis/paginate-search-results#search-after).
    /// </summary>
    public List<(string Name, JsonObject Body)> BuildSearches(string tenantId, SearchQuery query, ElasticsearchPaging paging)
    {
        var depth = paging.Depth;
        var filter = Filters(tenantId, query);
        // A boolean query replaces the plain words (ADR 0014): it must match, ranks the lexical list and filters the kNN list.
        var boolean = query.Boolean is null ? null : ElasticsearchQueryLanguage.Translate(query.Boolean);
        var hasWords = boolean is not null || HasWords(query.Text);
        var nice = query.NiceToHaveSkills.Distinct(StringComparer.Ordinal).Select(s => (JsonNode)new JsonObject
        {
            ["constant_score"] = new JsonObject
            {
                ["filter"] = new JsonObject { ["term"] = new JsonObject { ["skill_paths"] = s } },
                ["boost"] = options.NiceToHaveBoost,
            },
        }).ToArray();
        var searches = new List<(string, JsonObject)>();
        var source = new JsonArray("id", "title", "text", "group");
        if (hasWords || nice.Length > 0 || query.Vector is null)
        {
            var boolQuery = new JsonObject { ["filter"] = Clone(filter) };
            if (boolean is not null)
            {
                boolQuery["must"] = new JsonArray(boolean.DeepClone());
            }
            else if (hasWords)
            {
                boolQuery["must"] = new JsonArray(new JsonObject
                {
                    ["multi_match"] = new JsonObject
                    {
                        ["query"] = query.Text,
                        ["type"] = "most_fields",
                        ["fields"] = new JsonArray("title^2", "title.cjk^2", "text", "text.cjk"),
                    },
                });
            }

            if (nice.Length > 0)
            {
                boolQuery["should"] = new JsonArray(nice);
                if (!hasWords)
                {
                    boolQuery["minimum_should_match"] = 1;
                }
            }

            var lexical = new JsonObject
            {
                ["size"] = depth,
                ["track_total_hits"] = true,
                ["_source"] = source.DeepClone(),
                ["query"] = new JsonObject { ["bool"] = boolQuery },
            };
            if (Sort(query.Sort) is { } sort)
            {
                lexical["sort"] = sort;
                lexical["track_scores"] = true;
            }

            if (paging.BySearchAfter)
            {
                var sorted = lexical["sort"] as JsonArray ?? new JsonArray(new JsonObject { ["_score"] = new JsonObject { ["order"] = "desc" } });
                sorted.Add(new JsonObject { ["_shard_doc"] = new JsonObject { ["order"] = "asc" } });
                lexical["sort"] = sorted;
                if (paging.SearchAfter is not null)
                {
                    lexical["search_after"] = JsonNode.Parse(paging.SearchAfter);
                }
            }

            if (hasWords && !query.WithoutText)
            {
                lexical["highlight"] = new JsonObject
                {
                    ["pre_tags"] = new JsonArray("<em>"),
                    ["post_tags"] = new JsonArray("</em>"),
                    ["encoder"] = "html",
                    ["fields"] = new JsonObject
                    {
                        ["text"] = new JsonObject { ["fragment_size"] = 120, ["number_of_fragments"] = 3 },
                        ["text.cjk"] = new JsonObject { ["fragment_size"] = 120, ["number_of_fragments"] = 3 },
                    },
                };
            }

            if (hasWords)
            {
                AddFacets(lexical, query.Facets);
            }

            searches.Add(("lexical", lexical));
        }

        if (query.Vector is not null)
        {
            searches.Add(("knn", new JsonObject
            {
                ["size"] = depth,
                ["_source"] = source.DeepClone(),
                ["knn"] = new JsonObject
                {
                    ["field"] = "vector",
                    ["query_vector"] = new JsonArray([.. Vectors.Normalised(query.Vector).Select(v => (JsonNode)v)]),
                    ["k"] = depth,
                    ["num_candidates"] = Math.Min(10_000, Math.Max(2 * depth, 200)),
                    ["filter"] = WithBoolean(Clone(filter), boolean),
                },
            }));
        }

        if (!hasWords && (query.Facets != SearchFacets.None || query.Vector is not null))
        {
            var filtered = new JsonObject
            {
                ["size"] = 0,
                ["track_total_hits"] = true,
                ["query"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = Clone(filter) } },
            };
            AddFacets(filtered, query.Facets);
            searches.Add(("filtered", filtered));
        }

        if (paging.PointInTime is not null)
        {
            foreach (var (_, body) in searches)
            {
                body["pit"] = new JsonObject { ["id"] = paging.PointInTime, ["keep_alive"] = paging.KeepAlive };
            }
        }

        return searches;
    }

    /// <summary>A sort other than relevance, made total by the id, newest first (as in the embedded engine:
    /// UUIDv7 ids sort by time); profiles without years last. Null for relevance.</summary>
    private static JsonArray? Sort(SearchSort sort)
    {
        var newest = new JsonObject { ["id"] = new JsonObject { ["order"] = "desc" } };
        return sort switch
        {
            SearchSort.Relevance => null,
            SearchSort.Newest => new JsonArray(newest),
            SearchSort.Experience => new JsonArray(new JsonObject { ["years"] = new JsonObject { ["order"] = "desc", ["missing"] = "_last" } }, newest),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
    }

    private static JsonArray Filters(string tenantId, SearchQuery query)
    {
        static JsonObject Term(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };
        var filter = new JsonArray(Term("tenant", tenantId), Term("kind", ElasticsearchDocumentMapper.KindName(query.Kind)));
        foreach (var skill in query.MustHaveSkills.Distinct(StringComparer.Ordinal))
        {
            filter.Add(Term("skill_paths", skill));
        }

        if (query.YearsMin is not null || query.YearsMax is not null)
        {
            var range = new JsonObject();
            if (query.YearsMin is { } min)
            {
                range["gte"] = min;
            }

            if (query.YearsMax is { } max)
            {
                range["lte"] = max;
            }

            filter.Add(new JsonObject { ["range"] = new JsonObject { ["years"] = range } });
        }

        if (SearchCursor.Normalise(query.Location) is { } location)
        {
            filter.Add(Term("location", location));
        }

        if (query.Remote is { } remote)
        {
            filter.Add(Term("remote", remote.ToString().ToLowerInvariant()));
        }

        if (SearchCursor.Normalise(query.Seniority) is { } seniority)
        {
            filter.Add(Term("seniority", seniority));
        }

        if (SearchCursor.Normalise(query.Language) is { } language)
        {
            filter.Add(Term("language", language));
        }

        if (query.OnlyIds.Count > 0)
        {
            filter.Add(new JsonObject { ["terms"] = new JsonObject { ["id"] = Ids(query.OnlyIds) } });
        }

        if (query.ExcludedIds.Count > 0)
        {
            filter.Add(new JsonObject { ["bool"] = new JsonObject { ["must_not"] = new JsonObject { ["terms"] = new JsonObject { ["id"] = Ids(query.ExcludedIds) } } } });
        }

        return filter;
    }

    private static JsonArray Ids(IEnumerable<Guid> ids) => new([.. ids.Distinct().Select(id => (JsonNode)id.ToString())]);

    private void AddFacets(JsonObject search, SearchFacets facets)
    {
        if (facets == SearchFacets.None)
        {
            return;
        }

        var aggs = new JsonObject();
        foreach (var (name, field, flag) in FacetFields)
        {
            if (facets.HasFlag(flag))
            {
                aggs[name] = new JsonObject { ["terms"] = new JsonObject { ["field"] = field, ["size"] = options.FacetSize } };
            }
        }

        search["aggs"] = aggs;
    }

    /// <summary>Whether the text has something an analyser keeps (letters or digits); stop words alone reach
    /// Elasticsearch and match nothing there.</summary>
    public static bool HasWords(string? text) => text is not null && text.Any(char.IsLetterOrDigit);

    private static JsonArray Clone(JsonArray array) => (JsonArray)array.DeepClone();

    /// <summary>The kNN list's filter: the query's filters and, when there is one, the boolean query too.</summary>
    private static JsonArray WithBoolean(JsonArray filter, JsonObject? boolean)
    {
        if (boolean is not null)
        {
            filter.Add(boolean.DeepClone());
        }

        return filter;
    }
}
