using System.Text;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using TalentMatch.Core.SearchIndex.Elasticsearch;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>Answers every request from a function of method and path, and records what was sent.</summary>
internal sealed class RecordingInvoker(Func<HttpMethod, string, string?, (int Status, string Body)> respond) : IRequestInvoker
{
    private readonly InMemoryRequestInvoker _inner = new();

    public List<(HttpMethod Method, string Path, string? Body)> Requests { get; } = [];

    public ResponseFactory ResponseFactory => _inner.ResponseFactory;

    public void Dispose()
    {
    }

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new()
    {
        var (status, body) = Record(endpoint, boundConfiguration, postData);
        return _inner.BuildResponse<TResponse>(endpoint, boundConfiguration, postData!, Encoding.UTF8.GetBytes(body), status, "application/json");
    }

    public Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
        where TResponse : TransportResponse, new()
    {
        var (status, body) = Record(endpoint, boundConfiguration, postData);
        return _inner.BuildResponseAsync<TResponse>(endpoint, boundConfiguration, postData!, cancellationToken, Encoding.UTF8.GetBytes(body), status, "application/json");
    }

    private (int, string) Record(Endpoint endpoint, BoundConfiguration configuration, PostData? postData)
    {
        string? body = null;
        if (postData is not null)
        {
            using var stream = new MemoryStream();
            postData.Write(stream, configuration.ConnectionSettings, disableDirectStreaming: true);
            body = Encoding.UTF8.GetString(stream.ToArray());
        }

        var path = endpoint.Path.PathAndQuery.TrimStart('/');
        lock (Requests)
        {
            Requests.Add((endpoint.Path.Method, path, body));
        }

        return respond(endpoint.Path.Method, path, body);
    }
}

/// <summary>
/// The Elasticsearch adapter on the client's in-memory transport. Requests a test does not answer itself (it returns
/// <c>200 {}</c>) are answered as a server would need them for a search: a new point in time gets the next id
/// (<c>pit-1</c>, <c>pit-2</c>…), an <c>_mget</c> finds every id it asks for, and a missing alias is 404.
/// </summary>
internal static class InMemoryElasticsearch
{
    public static (ElasticsearchSearchIndex Index, RecordingInvoker Invoker) Create(
        Func<HttpMethod, string, string?, (int, string)>? respond = null, ElasticsearchSearchIndexOptions? options = null)
    {
        var pits = 0;
        respond ??= (method, path, _) => method == HttpMethod.HEAD && path.StartsWith("_alias", StringComparison.Ordinal) ? (404, "{}") : (200, "{}");
        var invoker = new RecordingInvoker((method, path, body) =>
        {
            var (status, answer) = respond(method, path, body);
            if (status != 200 || answer != "{}")
            {
                return (status, answer);
            }

            if (method == HttpMethod.POST && path.Contains("/_pit?", StringComparison.Ordinal))
            {
                return (200, $$"""{"id":"pit-{{Interlocked.Increment(ref pits)}}"}""");
            }

            if (path.Contains("/_mget", StringComparison.Ordinal))
            {
                var docs = JsonNode.Parse(body!)!["ids"]!.AsArray().Select(id => (JsonNode)new JsonObject { ["_id"] = id!.GetValue<string>(), ["found"] = true });
                return (200, new JsonObject { ["docs"] = new JsonArray([.. docs]) }.ToJsonString());
            }

            return (status, answer);
        });
        var settings = new ElasticsearchClientSettings(new SingleNodePool(new Uri("http://es.invalid:9200")), invoker);
        var index = new ElasticsearchSearchIndex(new ElasticsearchClient(settings), options ?? new ElasticsearchSearchIndexOptions
        {
            SkillAncestors = SearchIndexContract.Ancestors, Dimensions = 4, RetryDelay = TimeSpan.FromMilliseconds(1),
        });
        return (index, invoker);
    }
}
