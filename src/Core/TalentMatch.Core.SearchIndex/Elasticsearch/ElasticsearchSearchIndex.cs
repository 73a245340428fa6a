using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using TalentMatch.Contracts;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace TalentMatch.Core.SearchIndex.Elasticsearch;

/// <summary>Settings of the Elasticsearch adapter.</summary>
public sealed record ElasticsearchSearchIndexOptions : SearchIndexOptions
{
    public const string DefaultIndexPrefix = "talentmatch-profiles";

    /// <summary>Name of the alias every read and write goes through; concrete indices are <c>{prefix}-v{version}</c>
    /// and the index template matches <c>{prefix}-v*</c>.</summary>
    public string IndexPrefix { get; init; } = DefaultIndexPrefix;

    /// <summary>Version of the mapping in <see cref="ElasticsearchSearchIndex.Template"/>; a new one means a reindex.</summary>
    public int MappingVersion { get; init; } = 1;

    public int Dimensions { get; init; } = 384;

    /// <summary>Documents per bulk request.</summary>
    public int BulkBatchSize { get; init; } = 500;

    /// <summary>Bulk requests in flight at once; further batches wait (back-pressure on the caller).</summary>
    public int MaxConcurrentBulkRequests { get; init; } = 2;

    /// <summary>Retries of a bulk request, or of its rejected items, on 429 and 5xx, with exponential back-off.</summary>
    public int MaxRetries { get; init; } = 4;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Nice-to-have boost (same meaning as in the embedded engine).</summary>
    public float NiceToHaveBoost { get; init; } = 1.5f;

    /// <summary>Text analysers: <c>cjk</c> ships with Elasticsearch; <c>smartcn</c> needs the analysis-smartcn plugin.</summary>
    public string ChineseAnalyzer { get; init; } = "cjk";
}

/// <summary>An Elasticsearch request failed for good (after retries where they apply).</summary>
public sealed class ElasticsearchSearchException(string message) : Exception(message);

/// <summary>
/// The distributed search engine. One alias (<c>talentmatch-profiles</c>) in front of a versioned index whose
/// settings and mapping come from an index template, so a mapping change is a reindex into <c>-v{n+1}</c> and an
/// atomic alias swap (<see cref="ReindexAsync"/>), without downtime. Tenant and kind are in every document id and
/// in every query's filter. Text is analysed twice (English stemming; CJK bigrams in a <c>.cjk</c> sub-field),
/// skills are keywords with their ancestors in <c>skill_paths</c>, vectors are <c>dense_vector</c> (cosine,
/// int8_hnsw). Hybrid search runs the BM25 query and the filtered kNN query in one <c>_msearch</c> and fuses them
/// client-side with the same reciprocal rank fusion as the embedded engine (no licence-gated retriever needed,
/// and both engines rank alike). Requests are JSON written here and sent through the official client's
/// transport: what goes over the wire is exactly what the request-shape tests read.
/// </summary>
public sealed class ElasticsearchSearchIndex : ISearchIndex, IDisposable
{
    private const int MinFusionDepth = 100;
    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchSearchIndexOptions _options;
    private readonly SemaphoreSlim _bulkSlots;
    private readonly SemaphoreSlim _setup = new(1, 1);
    private volatile bool _ready;

    public ElasticsearchSearchIndex(ElasticsearchClient client, ElasticsearchSearchIndexOptions? options = null)
    {
        _client = client;
        _options = options ?? new ElasticsearchSearchIndexOptions();
        _bulkSlots = new SemaphoreSlim(_options.MaxConcurrentBulkRequests, _options.MaxConcurrentBulkRequests);
    }

    public static ElasticsearchSearchIndex Create(Uri url, ElasticsearchSearchIndexOptions? options = null) =>
        new(new ElasticsearchClient(new ElasticsearchClientSettings(url)), options);

    private string Alias => _options.IndexPrefix;

    private string IndexName(int version) => $"{_options.IndexPrefix}-v{version.ToString(CultureInfo.InvariantCulture)}";

    // ---- setup ----

    /// <summary>The index template: settings (analysers) and mapping for every <c>{prefix}-v*</c> index.</summary>
    public JsonObject Template() => new()
    {
        ["index_patterns"] = new JsonArray($"{_options.IndexPrefix}-v*"),
        ["priority"] = 100,
        ["version"] = _options.MappingVersion,
        ["template"] = new JsonObject
        {
            ["settings"] = new JsonObject
            {
                ["analysis"] = new JsonObject
                {
                    ["normalizer"] = new JsonObject
                    {
                        ["lowercase"] = new JsonObject { ["type"] = "custom", ["filter"] = new JsonArray("lowercase") },
                    },
                },
            },
            ["mappings"] = new JsonObject
            {
                ["dynamic"] = "strict",
                ["properties"] = new JsonObject
                {
                    ["tenant"] = Keyword(),
                    ["kind"] = Keyword(),
                    ["id"] = Keyword(),
                    ["title"] = Text(),
                    ["text"] = Text(),
                    ["skills"] = Keyword(),
                    ["skill_paths"] = Keyword(),
                    ["years"] = new JsonObject { ["type"] = "double" },
                    ["location"] = new JsonObject { ["type"] = "keyword", ["normalizer"] = "lowercase" },
                    ["remote"] = Keyword(),
                    ["seniority"] = new JsonObject { ["type"] = "keyword", ["normalizer"] = "lowercase" },
                    ["language"] = new JsonObject { ["type"] = "keyword", ["normalizer"] = "lowercase" },
                    ["vector"] = new JsonObject
                    {
                        ["type"] = "dense_vector",
                        ["dims"] = _options.Dimensions,
                        ["index"] = true,
                        ["similarity"] = "cosine",
                        ["index_options"] = new JsonObject { ["type"] = "int8_hnsw" },
                    },
                },
            },
        },
    };

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    private JsonObject Text() => new()
    {
        ["type"] = "text",
        ["analyzer"] = "english",
        ["fields"] = new JsonObject
        {
            ["cjk"] = new JsonObject { ["type"] = "text", ["analyzer"] = _options.ChineseAnalyzer },
        },
    };

    /// <summary>Puts the template and, if the alias does not exist yet, creates <c>-v{MappingVersion}</c> behind it. Idempotent.</summary>
    public async Task EnsureIndexAsync(CancellationToken cancellationToken = default)
    {
        if (_ready)
        {
            return;
        }

        await _setup.WaitAsync(cancellationToken);
        try
        {
            if (_ready)
            {
                return;
            }

            await SendAsync(HttpMethod.PUT, $"_index_template/{_options.IndexPrefix}", Template(), cancellationToken);
            var alias = await _client.Transport.RequestAsync<StringResponse>(HttpMethod.HEAD, $"_alias/{Alias}", cancellationToken);
            if (alias.ApiCallDetails.HttpStatusCode == 404)
            {
                var create = new JsonObject
                {
                    ["aliases"] = new JsonObject { [Alias] = new JsonObject { ["is_write_index"] = true } },
                };
                await SendAsync(HttpMethod.PUT, IndexName(_options.MappingVersion), create, cancellationToken, allow: [400]); // 400: created concurrently
            }

            _ready = true;
        }
        finally
        {
            _setup.Release();
        }
    }

    /// <summary>
    /// Zero-downtime mapping change: the template (already at the new version) creates <c>-v{to}</c>, documents
    /// are copied with <c>_reindex</c>, then one <c>_aliases</c> call moves the alias. Writes that arrive during
    /// the copy go to the old index; run it while writes are paused, or replay them after the swap.
    /// </summary>
    public async Task ReindexAsync(int from, int to, CancellationToken cancellationToken = default)
    {
        await SendAsync(HttpMethod.PUT, $"_index_template/{_options.IndexPrefix}", Template(), cancellationToken);
        await SendAsync(HttpMethod.PUT, IndexName(to), new JsonObject(), cancellationToken);
        await SendAsync(HttpMethod.POST, "_reindex?wait_for_completion=true&refresh=true", new JsonObject
        {
            ["source"] = new JsonObject { ["index"] = IndexName(from) },
            // Keep each document's version (its revision), or older copies could overwrite it later.
            ["dest"] = new JsonObject { ["index"] = IndexName(to), ["version_type"] = "external" },
        }, cancellationToken);
        await SendAsync(HttpMethod.POST, "_aliases", new JsonObject
        {
            ["actions"] = new JsonArray(
                new JsonObject { ["remove"] = new JsonObject { ["index"] = IndexName(from), ["alias"] = Alias } },
                new JsonObject { ["add"] = new JsonObject { ["index"] = IndexName(to), ["alias"] = Alias, ["is_write_index"] = true } }),
        }, cancellationToken);
    }

    // ---- writes ----

    public async Task IndexAsync(string tenantId, IndexedProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(profile);
        await EnsureIndexAsync(cancellationToken);
        // 409: a higher revision is indexed already; this late copy changes nothing, by design.
        await SendAsync(HttpMethod.PUT, $"{Alias}/_doc/{DocId(tenantId, profile.Kind, profile.Id)}?refresh=wait_for&{VersionParameters(profile)}",
            ToDocument(tenantId, profile), cancellationToken, allow: [409]);
    }

    /// <summary>Bulk requests of <see cref="ElasticsearchSearchIndexOptions.BulkBatchSize"/> documents, at most
    /// <see cref="ElasticsearchSearchIndexOptions.MaxConcurrentBulkRequests"/> in flight; items rejected with 429 or
    /// 5xx are retried with back-off, anything else fails the call.</summary>
    public async Task IndexManyAsync(string tenantId, IReadOnlyCollection<IndexedProfile> profiles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(profiles);
        await EnsureIndexAsync(cancellationToken);
        var batches = profiles.Chunk(_options.BulkBatchSize).Select(async batch =>
        {
            await _bulkSlots.WaitAsync(cancellationToken);
            try
            {
                await BulkWithRetriesAsync(tenantId, batch, cancellationToken);
            }
            finally
            {
                _bulkSlots.Release();
            }
        }).ToList();
        await Task.WhenAll(batches);
    }

    /// <summary>
    /// The document's revision as Elasticsearch's external version (plus one: the revision starts at
    /// 0), compared with external_gte: an equal revision replaces (a repeat), a lower one is refused
    /// with 409 (a late redelivery of older content).
    /// </summary>
    internal static string VersionParameters(IndexedProfile profile) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"version={profile.Revision + 1L}&version_type=external_gte");

    internal static string BulkBody(IEnumerable<(string Id, JsonObject Document, long Version)> items, string index)
    {
        var body = new StringBuilder();
        foreach (var (id, document, version) in items)
        {
            body.Append(new JsonObject
            {
                ["index"] = new JsonObject { ["_index"] = index, ["_id"] = id, ["version"] = version, ["version_type"] = "external_gte" },
            }.ToJsonString()).Append('\n');
            body.Append(document.ToJsonString()).Append('\n');
        }

        return body.ToString();
    }

    private async Task BulkWithRetriesAsync(string tenantId, IndexedProfile[] batch, CancellationToken cancellationToken)
    {
        var pending = batch.Select(p => (Id: DocId(tenantId, p.Kind, p.Id, escape: false), Document: ToDocument(tenantId, p), Version: p.Revision + 1L)).ToList();
        for (var attempt = 0; ; attempt++)
        {
            var response = await _client.Transport.RequestAsync<StringResponse>(HttpMethod.POST, "_bulk?refresh=wait_for",
                PostData.String(BulkBody(pending, Alias)), cancellationToken);
            var status = response.ApiCallDetails.HttpStatusCode ?? 0;
            if (status is 200)
            {
                var items = JsonNode.Parse(response.Body)!["items"]!.AsArray();
                var retry = new List<(string, JsonObject, long)>();
                for (var i = 0; i < items.Count; i++)
                {
                    var itemStatus = items[i]!["index"]!["status"]!.GetValue<int>();
                    if (itemStatus is 429 or >= 500)
                    {
                        retry.Add(pending[i]);
                    }
                    else if (itemStatus is 409)
                    {
                        // A higher revision is indexed already: this older copy is dropped, by design.
                    }
                    else if (itemStatus >= 300)
                    {
                        throw new ElasticsearchSearchException($"Bulk item {pending[i].Id} failed with {itemStatus}: {items[i]!["index"]!["error"]?.ToJsonString()}");
                    }
                }

                if (retry.Count == 0)
                {
                    return;
                }

                pending = retry;
            }
            else if (status is not (0 or 429 or >= 500))
            {
                throw new ElasticsearchSearchException($"Bulk request failed with {status}: {Excerpt(response.Body)}");
            }

            if (attempt >= _options.MaxRetries)
            {
                throw new ElasticsearchSearchException($"Bulk request still rejected after {_options.MaxRetries} retries ({pending.Count} documents).");
            }

            await Task.Delay(_options.RetryDelay * Math.Pow(2, attempt), cancellationToken);
        }
    }

    public async Task<bool> DeleteAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        await EnsureIndexAsync(cancellationToken);
        var response = await SendAsync(HttpMethod.DELETE, $"{Alias}/_doc/{DocId(tenantId, kind, id)}?refresh=wait_for", null, cancellationToken, allow: [404]);
        return response.ApiCallDetails.HttpStatusCode == 200;
    }

    public async Task<IndexedProfile?> GetAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        await EnsureIndexAsync(cancellationToken);
        var response = await SendAsync(HttpMethod.GET, $"{Alias}/_doc/{DocId(tenantId, kind, id)}", null, cancellationToken, allow: [404]);
        var node = JsonNode.Parse(response.Body);
        if (response.ApiCallDetails.HttpStatusCode == 404 || node?["found"]?.GetValue<bool>() != true)
        {
            return null;
        }

        var source = node["_source"]!;
        // The id already contains the tenant; checking the stored tenant too costs nothing.
        return source["tenant"]?.GetValue<string>() == tenantId
            ? ToProfile(source) with { Revision = (int)Math.Max(0, (node["_version"]?.GetValue<long>() ?? 1) - 1) }
            : null;
    }

    // ---- search ----

    public async Task<SearchResults> SearchAsync(string tenantId, SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(query);
        var offset = SearchCursor.Decode(tenantId, query);
        var limit = Math.Min(Math.Clamp(query.Limit, 1, SearchQuery.MaxLimit), SearchQuery.MaxWindow - offset);
        if (!query.HasCriteria(HasWords(query.Text)))
        {
            return new SearchResults(0, []);
        }

        if (query.Vector is not null && query.Vector.Length != _options.Dimensions)
        {
            throw new ArgumentException($"The query vector has {query.Vector.Length} dimensions; the index has {_options.Dimensions}.", nameof(query));
        }

        await EnsureIndexAsync(cancellationToken);
        var searches = BuildSearches(tenantId, query, Math.Max(MinFusionDepth, offset + limit));
        var body = string.Concat(searches.Select(s => new JsonObject { ["index"] = Alias }.ToJsonString() + "\n" + s.Body.ToJsonString() + "\n"));
        var response = await _client.Transport.RequestAsync<StringResponse>(HttpMethod.POST, "_msearch", PostData.String(body), cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode != 200)
        {
            throw new ElasticsearchSearchException($"Search failed with {response.ApiCallDetails.HttpStatusCode}: {Excerpt(response.Body)}");
        }

        var responses = JsonNode.Parse(response.Body)!["responses"]!.AsArray();
        var lists = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        var documents = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        JsonNode? facetSource = null;
        long lexicalTotal = 0, filteredTotal = 0;
        for (var i = 0; i < searches.Count; i++)
        {
            var result = responses[i]!;
            if (result["error"] is { } error)
            {
                throw new ElasticsearchSearchException($"Search '{searches[i].Name}' failed: {Excerpt(error.ToJsonString())}");
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

        var lexicalIds = lists.TryGetValue("lexical", out var l) ? l.Select(h => h!["_id"]!.GetValue<string>()).ToList() : null;
        var knnIds = lists.TryGetValue("knn", out var k) ? k.Select(h => h!["_id"]!.GetValue<string>()).ToList() : null;
        List<(string Id, double Score)> ranked;
        long totalHits;
        if (lexicalIds is not null && knnIds is not null)
        {
            ranked = ReciprocalRankFusion.Fuse<string>(lexicalIds, knnIds);
            var inLexical = lexicalIds.ToHashSet(StringComparer.Ordinal);
            totalHits = lexicalTotal + knnIds.Count(id => !inLexical.Contains(id));
        }
        else if (knnIds is not null)
        {
            ranked = [.. knnIds.Select((id, i) => (id, 1.0 / (ReciprocalRankFusion.K + i + 1)))];
            totalHits = filteredTotal;
        }
        else
        {
            ranked = [.. lists["lexical"].Select(h => (h!["_id"]!.GetValue<string>(), h["_score"]?.GetValue<double?>() ?? 0))];
            totalHits = lexicalTotal;
        }

        var pageHits = ranked.Skip(offset).Take(limit).Select(r =>
        {
            var hit = documents[r.Id];
            var source = hit["_source"]!;
            // English fragments when the English analysis matched, else the CJK ones (the same text, analysed twice).
            var fragments = hit["highlight"]?["text"]?.AsArray() ?? hit["highlight"]?["text.cjk"]?.AsArray();
            var highlights = fragments?.Select(h => h!.GetValue<string>()).Take(3).ToList() ?? [];
            var text = source["text"]?.GetValue<string>() ?? "";
            return new SearchHit(Guid.Parse(source["id"]!.GetValue<string>()), query.Kind, source["title"]?.GetValue<string>(), r.Score,
                text.Length <= 240 ? text : text[..240] + "…")
            {
                Highlights = highlights,
            };
        }).ToList();

        return new SearchResults(totalHits, pageHits)
        {
            Facets = ReadFacets(facetSource, query.Facets),
            NextCursor = SearchCursor.Next(tenantId, query, offset, limit, ranked.Count),
        };
    }

    /// <summary>The searches of one <c>_msearch</c>: <c>lexical</c> (BM25 + nice-to-have, highlights, facets when
    /// there are words), <c>knn</c> (pre-filtered approximate kNN) and <c>filtered</c> (count and facets of the
    /// filtered set when there are no words).</summary>
    internal List<(string Name, JsonObject Body)> BuildSearches(string tenantId, SearchQuery query, int depth)
    {
        var filter = Filters(tenantId, query);
        var hasWords = HasWords(query.Text);
        var nice = query.NiceToHaveSkills.Distinct(StringComparer.Ordinal).Select(s => (JsonNode)new JsonObject
        {
            ["constant_score"] = new JsonObject
            {
                ["filter"] = new JsonObject { ["term"] = new JsonObject { ["skill_paths"] = s } },
                ["boost"] = _options.NiceToHaveBoost,
            },
        }).ToArray();
        var searches = new List<(string, JsonObject)>();
        var source = new JsonArray("id", "title", "text");
        if (hasWords || nice.Length > 0 || query.Vector is null)
        {
            var boolQuery = new JsonObject { ["filter"] = Clone(filter) };
            if (hasWords)
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
            if (hasWords)
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
                    ["filter"] = Clone(filter),
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

        return searches;
    }

    private static JsonArray Filters(string tenantId, SearchQuery query)
    {
        static JsonObject Term(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };
        var filter = new JsonArray(Term("tenant", tenantId), Term("kind", KindName(query.Kind)));
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

        return filter;
    }

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
                aggs[name] = new JsonObject { ["terms"] = new JsonObject { ["field"] = field, ["size"] = _options.FacetSize } };
            }
        }

        search["aggs"] = aggs;
    }

    private static readonly (string Name, string Field, SearchFacets Flag)[] FacetFields =
    [
        ("skills", "skills", SearchFacets.Skills),
        ("seniority", "seniority", SearchFacets.Seniority),
        ("location", "location", SearchFacets.Location),
    ];

    private static Dictionary<string, IReadOnlyList<FacetValue>> ReadFacets(JsonNode? aggregations, SearchFacets facets)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var (name, _, flag) in FacetFields)
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

    // ---- documents ----

    internal JsonObject ToDocument(string tenantId, IndexedProfile profile)
    {
        if (profile.Vector is not null && profile.Vector.Length != _options.Dimensions)
        {
            throw new ArgumentException($"The vector has {profile.Vector.Length} dimensions; the index has {_options.Dimensions}.", nameof(profile));
        }

        var own = profile.SkillIds.Distinct(StringComparer.Ordinal).ToList();
        var paths = own.Concat(own.SelectMany(_options.SkillAncestors)).Distinct(StringComparer.Ordinal).ToList();
        var document = new JsonObject
        {
            ["tenant"] = tenantId,
            ["kind"] = KindName(profile.Kind),
            ["id"] = profile.Id.ToString(),
            ["title"] = profile.Title,
            ["text"] = profile.Text,
            ["skills"] = new JsonArray([.. own.Select(s => (JsonNode)s)]),
            ["skill_paths"] = new JsonArray([.. paths.Select(s => (JsonNode)s)]),
            ["years"] = profile.YearsOfExperience,
            ["location"] = SearchCursor.Normalise(profile.Location),
            ["remote"] = profile.Remote?.ToString().ToLowerInvariant(),
            ["seniority"] = SearchCursor.Normalise(profile.Seniority),
            ["language"] = SearchCursor.Normalise(profile.Language),
        };
        if (profile.Vector is not null)
        {
            document["vector"] = new JsonArray([.. Vectors.Normalised(profile.Vector).Select(v => (JsonNode)v)]);
        }

        return document;
    }

    private static IndexedProfile ToProfile(JsonNode source) => new(
        Guid.Parse(source["id"]!.GetValue<string>()),
        Enum.Parse<DocumentKind>(source["kind"]!.GetValue<string>(), ignoreCase: true),
        source["title"]?.GetValue<string>(),
        source["text"]?.GetValue<string>() ?? "",
        source["skills"]?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [])
    {
        Vector = source["vector"]?.AsArray().Select(v => v!.GetValue<float>()).ToArray(),
        YearsOfExperience = source["years"]?.GetValue<double>(),
        Location = source["location"]?.GetValue<string>(),
        Remote = source["remote"]?.GetValue<string>() is { } remote ? Enum.Parse<WorkMode>(remote, ignoreCase: true) : null,
        Seniority = source["seniority"]?.GetValue<string>(),
        Language = source["language"]?.GetValue<string>(),
    };

    // ---- helpers ----

    /// <summary>Whether the text has something an analyser keeps (letters or digits); stop words alone reach
    /// Elasticsearch and match nothing there.</summary>
    private static bool HasWords(string? text) => text is not null && text.Any(char.IsLetterOrDigit);

    private static JsonArray Clone(JsonArray array) => (JsonArray)array.DeepClone();

    private static string KindName(DocumentKind kind) => kind.ToString().ToLowerInvariant();

    internal static string DocId(string tenantId, DocumentKind kind, Guid id, bool escape = true)
    {
        var raw = $"{tenantId}|{KindName(kind)}|{id}";
        return escape ? Uri.EscapeDataString(raw) : raw;
    }

    private async Task<StringResponse> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken, params int[] allow)
    {
        var response = body is null
            ? await _client.Transport.RequestAsync<StringResponse>(method, path, cancellationToken)
            : await _client.Transport.RequestAsync<StringResponse>(method, path, PostData.String(body.ToJsonString()), cancellationToken);
        var status = response.ApiCallDetails.HttpStatusCode ?? 0;
        if (status is < 200 or >= 300 && !allow.Contains(status))
        {
            throw new ElasticsearchSearchException($"{method} {path} failed with {status}: {Excerpt(response.Body)}");
        }

        return response;
    }

    private static string Excerpt(string? body) => body is null ? "" : body.Length <= 500 ? body : body[..500];

    public void Dispose()
    {
        _bulkSlots.Dispose();
        _setup.Dispose();
    }
}
