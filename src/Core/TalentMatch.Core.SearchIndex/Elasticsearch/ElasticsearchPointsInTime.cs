using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace TalentMatch.Core.SearchIndex.Elasticsearch;

/// <summary>
/// The points in time (PIT) this process opened for paged searches (Elasticsearch's counterpart of the embedded engine's
/// <c>PagingViews</c>, ADR 0003 "Paging"): a first page opens one on the alias, and later pages of that query search it,
/// so documents written meanwhile neither enter nor shift the list. Each pins the segments it saw (heap, file handles,
/// and the text of documents deleted since), so the newest <see cref="ElasticsearchSearchIndexOptions.MaxPointsInTimePerTenant"/>
/// of a tenant are kept and an older one is closed; <see cref="CloseAllAsync"/> closes every one when a document is
/// deleted (an erasure must not leave the text pinned: docs/privacy.md). A cursor whose point in time is gone continues
/// by offset on a new one (Elasticsearch answers 404).
/// Only the points in time of this process are known here: behind several search instances each bounds and closes its
/// own, and one opened elsewhere ends at its keep-alive (pages are checked against the alias, so a deleted document is
/// never shown either way).
/// </summary>
internal sealed class ElasticsearchPointsInTime(ElasticsearchClient client, ElasticsearchSearchIndexOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedList<(string Id, DateTimeOffset LastUsed)>> _open = new(StringComparer.Ordinal);
    private long _closings;

    /// <summary>The <c>keep_alive</c> of every point in time and of every search on one (each search extends it).</summary>
    public string KeepAlive => $"{(long)options.PointInTimeKeepAlive.TotalSeconds}s";

    /// <summary>
    /// Opens a point in time on <paramref name="alias"/> for <paramref name="tenantId"/>, closing the tenant's oldest
    /// past the bound. Null when <see cref="CloseAllAsync"/> ran meanwhile (the new one may predate the delete, so it is
    /// closed at once, and the page is searched without one) or when the id is too long for a cursor.
    /// </summary>
    public async Task<string?> OpenAsync(string tenantId, string alias, CancellationToken cancellationToken)
    {
        var closingsBefore = Interlocked.Read(ref _closings);
        // Through the transport, as every request of the adapter: what the request-shape tests read is what is sent.
        var response = await client.Transport.RequestAsync<StringResponse>(HttpMethod.POST, $"{alias}/_pit?keep_alive={KeepAlive}", cancellationToken);
        var id = response.ApiCallDetails.HttpStatusCode == 200 ? JsonNode.Parse(response.Body)?["id"]?.GetValue<string>() : null;
        if (string.IsNullOrEmpty(id))
        {
            throw new ElasticsearchSearchException($"Opening a point in time failed with {response.ApiCallDetails.HttpStatusCode}: {ElasticsearchSearchIndex.Excerpt(response.Body)}");
        }

        List<string> toClose = [];
        lock (_gate)
        {
            if (closingsBefore != Interlocked.Read(ref _closings) || !SearchCursor.Fits(id, null))
            {
                toClose.Add(id);
                id = null;
            }
            else
            {
                var list = ListOf(tenantId);
                list.AddFirst((id, DateTimeOffset.UtcNow));
                while (list.Count > options.MaxPointsInTimePerTenant)
                {
                    toClose.Add(list.Last!.Value.Id);
                    list.RemoveLast();
                }
            }
        }

        await CloseAsync(toClose, cancellationToken);
        return id;
    }

    /// <summary>Records that a page searched <paramref name="id"/> (Elasticsearch extended its keep-alive) and that the
    /// next one will search <paramref name="newId"/> (the answer's <c>pit_id</c>, which may differ). A point in time this
    /// process does not hold (another instance opened it, or it was closed) is not recorded.</summary>
    public void Touch(string tenantId, string id, string newId)
    {
        lock (_gate)
        {
            var list = ListOf(tenantId);
            for (var node = list.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == id)
                {
                    list.Remove(node);
                    list.AddFirst((newId, DateTimeOffset.UtcNow));
                    return;
                }
            }
        }
    }

    /// <summary>Closes <paramref name="id"/> when its paging is over (the page read was the last): nothing pins segments
    /// longer than a query is paged.</summary>
    public async Task ReleaseAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var list = ListOf(tenantId);
            for (var node = list.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == id)
                {
                    list.Remove(node);
                    break;
                }
            }
        }

        await CloseAsync([id], cancellationToken);
    }

    /// <summary>How many points in time of <paramref name="tenantId"/> this process holds open.</summary>
    public int CountOpen(string tenantId)
    {
        lock (_gate)
        {
            return ListOf(tenantId).Count;
        }
    }

    /// <summary>Closes every point in time this process opened, of every tenant (one index holds them all), and makes
    /// an <see cref="OpenAsync"/> in flight close the one it opens.</summary>
    public async Task CloseAllAsync(CancellationToken cancellationToken)
    {
        List<string> ids;
        lock (_gate)
        {
            Interlocked.Increment(ref _closings);
            ids = [.. _open.Values.SelectMany(l => l.Select(e => e.Id))];
            _open.Clear();
        }

        await CloseAsync(ids, cancellationToken);
    }

    private async Task CloseAsync(List<string> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            // 404: it expired already. Anything else fails the caller: a point in time left open keeps deleted text pinned.
            var response = await client.Transport.RequestAsync<StringResponse>(HttpMethod.DELETE, "_pit",
                PostData.String(new JsonObject { ["id"] = id }.ToJsonString()), cancellationToken);
            if (response.ApiCallDetails.HttpStatusCode is not (200 or 404))
            {
                throw new ElasticsearchSearchException($"Closing a point in time failed with {response.ApiCallDetails.HttpStatusCode}: {ElasticsearchSearchIndex.Excerpt(response.Body)}");
            }
        }
    }

    /// <summary>The tenant's list, newest first, without the ones that expired (unused for longer than the keep-alive).</summary>
    private LinkedList<(string Id, DateTimeOffset LastUsed)> ListOf(string tenantId)
    {
        if (!_open.TryGetValue(tenantId, out var list))
        {
            _open[tenantId] = list = new LinkedList<(string, DateTimeOffset)>();
        }

        var expired = DateTimeOffset.UtcNow - options.PointInTimeKeepAlive;
        while (list.Last is { } last && last.Value.LastUsed < expired)
        {
            list.RemoveLast();
        }

        return list;
    }
}
