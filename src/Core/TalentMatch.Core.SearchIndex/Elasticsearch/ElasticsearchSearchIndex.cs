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

    /// <summary>How long a paged search's point in time lives after its last page was read (as the embedded engine's
    /// snapshots: longer than a recruiter reads a page).</summary>
    public TimeSpan PointInTimeKeepAlive { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Points in time a tenant holds open in this process; opening one more closes its least recently used
    /// (whose cursors then continue by offset). Each pins segments on every shard: heap and file handles.</summary>
    public int MaxPointsInTimePerTenant { get; init; } = 16;
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
/// This class sends the requests and handles retries; the JSON comes from <see cref="ElasticsearchIndexMapping"/>
/// (template, index creation), <see cref="ElasticsearchDocumentMapper"/> (documents, bulk bodies),
/// <see cref="ElasticsearchQueryBuilder"/> (searches) and <see cref="ElasticsearchResponseReader"/> (hits, fusion, facets).
/// </summary>
public sealed class ElasticsearchSearchIndex : ISearchIndex, IDisposable
{
    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchSearchIndexOptions _options;
    private readonly SemaphoreSlim _bulkSlots;
    private readonly SemaphoreSlim _setup = new(1, 1);
    private readonly ElasticsearchDocumentMapper _documents;
    private readonly ElasticsearchQueryBuilder _queries;
    private readonly ElasticsearchPointsInTime _pointsInTime;
    private volatile bool _ready;

    public ElasticsearchSearchIndex(ElasticsearchClient client, ElasticsearchSearchIndexOptions? options = null)
    {
        _client = client;
        _options = options ?? new ElasticsearchSearchIndexOptions();
        _bulkSlots = new SemaphoreSlim(_options.MaxConcurrentBulkRequests, _options.MaxConcurrentBulkRequests);
        _documents = new ElasticsearchDocumentMapper(_options);
        _queries = new ElasticsearchQueryBuilder(_options);
        _pointsInTime = new ElasticsearchPointsInTime(client, _options);
    }

    public static ElasticsearchSearchIndex Create(Uri url, ElasticsearchSearchIndexOptions? options = null) =>
        new(new ElasticsearchClient(new ElasticsearchClientSettings(url)), options);

    private string Alias => _options.IndexPrefix;

    private string IndexName(int version) => ElasticsearchIndexMapping.IndexName(_options, version);

    // ---- setup ----

    /// <summary>The index template: settings (analysers) and mapping for every <c>{prefix}-v*</c> index.</summary>
    public JsonObject Template() => ElasticsearchIndexMapping.Template(_options);

    /// <summary>Puts the template and, if the alias does not exist yet, creates <c>-v{MappingVersion}</c> behind it;
    /// if it does, adds the template's new fields to the index behind it. Idempotent.</summary>
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
                await SendAsync(HttpMethod.PUT, IndexName(_options.MappingVersion), ElasticsearchIndexMapping.CreateIndexBody(Alias), cancellationToken, allow: [400]); // 400: created concurrently
            }
            else
            {
                await SendAsync(HttpMethod.PUT, $"{Alias}/_mapping", ElasticsearchIndexMapping.MappingBody(_options), cancellationToken);
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
        await SendAsync(HttpMethod.POST, "_reindex?wait_for_completion=true&refresh=true", ElasticsearchIndexMapping.ReindexBody(IndexName(from), IndexName(to)), cancellationToken);
        await SendAsync(HttpMethod.POST, "_aliases", ElasticsearchIndexMapping.SwapAliasBody(Alias, IndexName(from), IndexName(to)), cancellationToken);
    }

    // ---- writes ----

    public async Task IndexAsync(string tenantId, IndexedProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(profile);
        await EnsureIndexAsync(cancellationToken);
        // 409: a higher revision is indexed already; this late copy changes nothing, by design.
        await SendAsync(HttpMethod.PUT, $"{Alias}/_doc/{ElasticsearchDocumentMapper.DocId(tenantId, profile.Kind, profile.Id)}?refresh=wait_for&{ElasticsearchDocumentMapper.VersionParameters(profile)}",
            _documents.ToDocument(tenantId, profile), cancellationToken, allow: [409]);
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

    private async Task BulkWithRetriesAsync(string tenantId, IndexedProfile[] batch, CancellationToken cancellationToken)
    {
        var pending = batch.Select(p => (Id: ElasticsearchDocumentMapper.DocId(tenantId, p.Kind, p.Id, escape: false), Document: _documents.ToDocument(tenantId, p), Version: p.Revision + 1L)).ToList();
        for (var attempt = 0; ; attempt++)
        {
            var response = await _client.Transport.RequestAsync<StringResponse>(HttpMethod.POST, "_bulk?refresh=wait_for",
                PostData.String(ElasticsearchDocumentMapper.BulkBody(pending, Alias)), cancellationToken);
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
        var response = await SendAsync(HttpMethod.DELETE, $"{Alias}/_doc/{ElasticsearchDocumentMapper.DocId(tenantId, kind, id)}?refresh=wait_for", null, cancellationToken, allow: [404]);
        // A delete is how an erasure reaches the index: no point in time may keep the document's segments (ADR 0003).
        await _pointsInTime.CloseAllAsync(cancellationToken);
        return response.ApiCallDetails.HttpStatusCode == 200;
    }

    public async Task<IndexedProfile?> GetAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        await EnsureIndexAsync(cancellationToken);
        var response = await SendAsync(HttpMethod.GET, $"{Alias}/_doc/{ElasticsearchDocumentMapper.DocId(tenantId, kind, id)}", null, cancellationToken, allow: [404]);
        var node = JsonNode.Parse(response.Body);
        if (response.ApiCallDetails.HttpStatusCode == 404 || node?["found"]?.GetValue<bool>() != true)
        {
            return null;
        }

        var source = node["_source"]!;
        // The id already contains the tenant; checking the stored tenant too costs nothing.
        return source["tenant"]?.GetValue<string>() == tenantId
            ? ElasticsearchDocumentMapper.ToProfile(source) with { Revision = (int)Math.Max(0, (node["_version"]?.GetValue<long>() ?? 1) - 1) }
            : null;
    }

    // ---- search ----

    /// <summary>
    /// A page of a search. A first page that may have more opens a point in time and ranks on it; later pages search the
    /// cursor's point in time (by <c>search_after</c>, or by offset into a fused or collapsed window) and leave out hits
    /// deleted since (the point in time still holds them; their places stay empty). A cursor whose point in time is gone
    /// continues by offset on a new one (ADR 0003, "Paging").
    /// </summary>
    public async Task<SearchResults> SearchAsync(string tenantId, SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(query);
        query.ThrowIfSortedWithVector();
        var position = SearchCursor.Decode(tenantId, query);
        var offset = position.Offset;
        var limit = Math.Min(Math.Clamp(query.Limit, 1, SearchQuery.MaxLimit), SearchQuery.MaxWindow - offset);
        if (!query.HasCriteria(ElasticsearchQueryBuilder.HasWords(query.Text)))
        {
            return new SearchResults(0, []);
        }

        if (query.Vector is not null && query.Vector.Length != _options.Dimensions)
        {
            throw new ArgumentException($"The query vector has {query.Vector.Length} dimensions; the index has {_options.Dimensions}.", nameof(query));
        }

        await EnsureIndexAsync(cancellationToken);
        if (position.PointInTime is { } pit)
        {
            var later = ElasticsearchPaging.OnPointInTime(query, pit, _pointsInTime.KeepAlive, offset, limit, ValidSearchAfter(position.SearchAfter));
            var (body, searches) = await MultiSearchAsync(tenantId, query, later, cancellationToken);
            if (!ElasticsearchResponseReader.PointInTimeGone(body))
            {
                return await OnPointInTimeAsync(tenantId, query, pit, body, ElasticsearchResponseReader.ReadSearch(body, searches, tenantId, query, later, offset, limit), later, cancellationToken);
            }
        }

        // A first page, or a cursor without (or with a gone) point in time: by offset, on a new point in time when more
        // pages may follow. A lookup among a page's worth of given ids has no next page and needs none.
        var paging = ElasticsearchPaging.Live(query, offset, limit);
        if (query.OnlyIds.Count == 0 || query.OnlyIds.Count > limit)
        {
            paging = await _pointsInTime.OpenAsync(tenantId, Alias, cancellationToken) is { } pointInTime
                ? ElasticsearchPaging.OnPointInTime(query, pointInTime, _pointsInTime.KeepAlive, offset, limit, null)
                : paging;
        }

        var (firstBody, firstSearches) = await MultiSearchAsync(tenantId, query, paging, cancellationToken);
        var results = ElasticsearchResponseReader.ReadSearch(firstBody, firstSearches, tenantId, query, paging, offset, limit);
        return paging.PointInTime is { } opened
            ? await OnPointInTimeAsync(tenantId, query, opened, firstBody, results, paging, cancellationToken)
            : results;
    }

    /// <summary>A page read on a point in time: the registry follows its id (the answer's may be new), the last page
    /// closes it, and hits deleted since it was opened are left out.</summary>
    private async Task<SearchResults> OnPointInTimeAsync(string tenantId, SearchQuery query, string sent, JsonNode body, SearchResults results,
        ElasticsearchPaging paging, CancellationToken cancellationToken)
    {
        var current = ElasticsearchResponseReader.PointInTimeId(body, paging)!;
        _pointsInTime.Touch(tenantId, sent, current);
        if (results.NextCursor is null)
        {
            await _pointsInTime.ReleaseAsync(tenantId, current, cancellationToken);
        }

        return await WithoutDeletedAsync(tenantId, query, results, cancellationToken);
    }

    private async Task<(JsonNode Body, List<(string Name, JsonObject Body)> Searches)> MultiSearchAsync(
        string tenantId, SearchQuery query, ElasticsearchPaging paging, CancellationToken cancellationToken)
    {
        var searches = _queries.BuildSearches(tenantId, query, paging);
        // With a point in time the header names no index: the point in time fixes it.
        var header = paging.PointInTime is null ? new JsonObject { ["index"] = Alias } : new JsonObject();
        var body = string.Concat(searches.Select(s => header.ToJsonString() + "\n" + s.Body.ToJsonString() + "\n"));
        var response = await _client.Transport.RequestAsync<StringResponse>(HttpMethod.POST, "_msearch", PostData.String(body), cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode != 200)
        {
            throw new ElasticsearchSearchException($"Search failed with {response.ApiCallDetails.HttpStatusCode}: {Excerpt(response.Body)}");
        }

        return (JsonNode.Parse(response.Body)!, searches);
    }

    /// <summary>
    /// The page without the hits deleted after its point in time was opened (a point in time still holds them): one
    /// <c>_mget</c> of the page's ids on the alias, without sources.
    /// </summary>
    private async Task<SearchResults> WithoutDeletedAsync(string tenantId, SearchQuery query, SearchResults results, CancellationToken cancellationToken)
    {
        var ids = ElasticsearchResponseReader.IdsOf(results).ToList();
        if (ids.Count == 0)
        {
            return results;
        }

        var request = new JsonObject { ["ids"] = new JsonArray([.. ids.Select(id => (JsonNode)ElasticsearchDocumentMapper.DocId(tenantId, query.Kind, id, escape: false))]) };
        var response = await SendAsync(HttpMethod.POST, $"{Alias}/_mget?_source=false", request, cancellationToken);
        var found = JsonNode.Parse(response.Body)!["docs"]!.AsArray()
            .Select((d, i) => (Id: ids[i], Found: d?["found"]?.GetValue<bool>() == true))
            .Where(d => d.Found).Select(d => d.Id).ToHashSet();
        return found.Count == ids.Count ? results : results with
        {
            Hits = [.. results.Hits.Where(h => found.Contains(h.Id)).Select(h => h with { Duplicates = [.. h.Duplicates.Where(found.Contains)] })],
        };
    }

    /// <summary>The cursor's <c>search_after</c> values when they are what a page wrote: a short array of numbers,
    /// strings or nulls. The cursor is sealed, so anything else is a forgery.</summary>
    /// <exception cref="InvalidCursorException"/>
    private static string? ValidSearchAfter(string? searchAfter)
    {
        if (searchAfter is null)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(searchAfter, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 2 }) is JsonArray { Count: > 0 and <= 4 } values
                && values.All(v => v is null || v.GetValueKind() is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.String))
            {
                return searchAfter;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        throw new InvalidCursorException("The cursor is malformed.");
    }

    // ---- helpers ----

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

    /// <summary>How many points in time <paramref name="tenantId"/> holds open in this process (bounded by
    /// <see cref="ElasticsearchSearchIndexOptions.MaxPointsInTimePerTenant"/>).</summary>
    public int OpenPointsInTime(string tenantId) => _pointsInTime.CountOpen(tenantId);

    internal static string Excerpt(string? body) => body is null ? "" : body.Length <= 500 ? body : body[..500];

    public void Dispose()
    {
        _bulkSlots.Dispose();
        _setup.Dispose();
    }
}
