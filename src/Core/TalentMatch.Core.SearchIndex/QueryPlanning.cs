using System.Buffers.Binary;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace TalentMatch.Core.SearchIndex;

/// <summary>Where a cursor points: the offset of the next page in the query's ranking and, when the engine keeps
/// one, the view of the index (a snapshot) that ranking was computed on: the embedded engine's searcher version
/// (<see cref="View"/>), or an Elasticsearch point in time (<see cref="PointInTime"/>, with the sort values of the
/// previous page's last hit in <see cref="SearchAfter"/> when the list is paged by <c>search_after</c>).</summary>
public readonly record struct SearchPosition(int Offset, long? View)
{
    /// <summary>The id of the Elasticsearch point in time the first page ranked on; null when none.</summary>
    public string? PointInTime { get; init; }

    /// <summary>The JSON array of the previous page's last sort values (<c>search_after</c>); null when the next page is an offset.</summary>
    public string? SearchAfter { get; init; }
}

/// <summary>
/// The opaque page cursor both adapters issue: base64url of a version byte, the offset of the next page,
/// (version 2) the engine's view of the index that the first page ranked, or (version 3) an Elasticsearch point in
/// time's id and the previous page's last sort values (each with a two-byte length), then a seal: 16 bytes of a
/// SHA-256 of a hash of the tenant and every member of the query that decides the result list (not the limit, not the
/// facets) and of every byte before it. A cursor is only accepted by the same query in the same tenant, and one
/// changed anywhere is refused. The seal has no secret: forging one gains nothing, since it can only point into the
/// caller's own results (a forged view is another snapshot of the same index, every search filters by the tenant),
/// and a forged point in time's sort values are checked before they are sent. Its length is bounded
/// (<see cref="MaxLength"/>) before it is decoded.
/// With a view, later pages are slices of the same ranking however many documents are written meanwhile;
/// without one (a view expired, or an engine that keeps none) an offset can skip or repeat a hit when documents
/// change between pages (ADR 0003, "Paging").
/// </summary>
public static class SearchCursor
{
    private const byte OffsetOnly = 1;
    private const byte WithView = 2;
    private const byte WithPointInTime = 3;
    private const int HashLength = 16;

    /// <summary>The longest point-in-time id a cursor carries: an id grows with the shards it spans (about 100–200
    /// characters each), so this is some 15–30 shards; a longer one is not carried (the next page is an offset).</summary>
    public const int MaxPointInTimeLength = 3072;

    /// <summary>The longest <c>search_after</c> array a cursor carries (a score or two sort values, and the shard tiebreaker).</summary>
    public const int MaxSearchAfterLength = 512;

    /// <summary>The longest cursor any engine issues (base64url of a version 3 cursor at both bounds above); a longer one is refused unread.</summary>
    public const int MaxLength = ((1 + 4 + 2 + MaxPointInTimeLength + 2 + MaxSearchAfterLength + HashLength) * 4 + 2) / 3;

    public static string Encode(string tenantId, SearchQuery query, int offset, long? view = null)
    {
        Span<byte> bytes = stackalloc byte[1 + 4 + (view is null ? 0 : 8) + HashLength];
        bytes[0] = view is null ? OffsetOnly : WithView;
        BinaryPrimitives.WriteInt32BigEndian(bytes[1..], offset);
        if (view is { } v)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes[5..], v);
        }

        Seal(tenantId, query, bytes[..^HashLength]).CopyTo(bytes[^HashLength..]);
        return Base64Url(bytes);
    }

    /// <summary>A version 3 cursor: the next page's offset on the point in time <paramref name="pointInTime"/>, and
    /// <paramref name="searchAfter"/> (a JSON array) when that page continues after the previous one's last sort values.</summary>
    /// <exception cref="ArgumentException">The id or the sort values are longer than a cursor carries.</exception>
    public static string Encode(string tenantId, SearchQuery query, int offset, string pointInTime, string? searchAfter)
    {
        var pit = Encoding.UTF8.GetBytes(pointInTime);
        var after = searchAfter is null ? [] : Encoding.UTF8.GetBytes(searchAfter);
        if (pit.Length is 0 or > MaxPointInTimeLength || after.Length > MaxSearchAfterLength)
        {
            throw new ArgumentException("The point in time or the sort values are too long for a cursor.", nameof(pointInTime));
        }

        var bytes = new byte[1 + 4 + 2 + pit.Length + 2 + after.Length + HashLength];
        bytes[0] = WithPointInTime;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), offset);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(5), (ushort)pit.Length);
        pit.CopyTo(bytes.AsSpan(7));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(7 + pit.Length), (ushort)after.Length);
        after.CopyTo(bytes.AsSpan(9 + pit.Length));
        Seal(tenantId, query, bytes.AsSpan(0, bytes.Length - HashLength)).CopyTo(bytes.AsSpan(bytes.Length - HashLength));
        return Base64Url(bytes);
    }

    /// <summary>Whether a cursor can carry this point-in-time id and these sort values.</summary>
    public static bool Fits(string pointInTime, string? searchAfter) =>
        Encoding.UTF8.GetByteCount(pointInTime) is > 0 and <= MaxPointInTimeLength
        && (searchAfter is null || Encoding.UTF8.GetByteCount(searchAfter) <= MaxSearchAfterLength);

    /// <summary>The position the cursor points at; offset 0 and no view without a cursor.</summary>
    /// <exception cref="InvalidCursorException"/>
    public static SearchPosition Decode(string tenantId, SearchQuery query)
    {
        if (query.Cursor is null)
        {
            return new SearchPosition(0, null);
        }

        if (query.Cursor.Length > MaxLength)
        {
            throw new InvalidCursorException("The cursor is malformed.");
        }

        byte[] bytes;
        try
        {
            var base64 = query.Cursor.Replace('-', '+').Replace('_', '/');
            bytes = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            throw new InvalidCursorException("The cursor is malformed.");
        }

        if (bytes.Length > 0 && bytes[0] == WithPointInTime)
        {
            return DecodePointInTime(tenantId, query, bytes);
        }

        var expectedLength = bytes.Length == 0 ? -1 : bytes[0] switch
        {
            OffsetOnly => 1 + 4 + HashLength,
            WithView => 1 + 4 + 8 + HashLength,
            _ => -1,
        };
        if (bytes.Length != expectedLength)
        {
            throw new InvalidCursorException("The cursor is malformed.");
        }

        if (!bytes.AsSpan(bytes.Length - HashLength).SequenceEqual(Seal(tenantId, query, bytes.AsSpan(0, bytes.Length - HashLength))))
        {
            throw new InvalidCursorException("The cursor belongs to another query.");
        }

        var offset = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1));
        if (offset is < 0 or >= SearchQuery.MaxWindow)
        {
            throw new InvalidCursorException("The cursor is malformed.");
        }

        return new SearchPosition(offset, bytes[0] == WithView ? BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(5)) : null);
    }

    /// <summary>
    /// How many hits each ranked list (BM25, kNN) collects for the page [offset, offset+limit).
    /// A single list: at least 100, and one more than the page's end, so that <see cref="Next"/> can
    /// tell whether another page exists (collecting exactly offset+limit made the page ending at the
    /// 100th hit look like the last one). Its order does not depend on how deep it is collected.
    /// Two lists fused by rank (hybrid): always the whole window, because reciprocal rank fusion over
    /// lists cut at different depths ranks differently; a constant depth makes every page of one query
    /// a slice of the same fused list, so paging neither repeats nor skips a hit.
    /// </summary>
    public static int CollectDepth(int offset, int limit, bool fused) =>
        fused ? SearchQuery.MaxWindow + 1 : Math.Max(100, offset + limit + 1);

    /// <summary>
    /// <see cref="CollectDepth(int, int, bool)"/> for a query: a collapsed one collects the whole window too, since how
    /// many hits fold into the groups before the page's end is not known until they are folded.
    /// </summary>
    public static int CollectDepth(int offset, int limit, bool fused, SearchQuery query) =>
        CollectDepth(offset, limit, fused || query.CollapseDuplicates);

    /// <summary>Whether a page after [offset, offset+limit) exists within the window.</summary>
    public static bool HasNext(int offset, int limit, long available) =>
        offset + limit < available && offset + limit < SearchQuery.MaxWindow;

    /// <summary>The cursor of the page after [offset, offset+limit), or null when there is none (or it would pass the window).</summary>
    public static string? Next(string tenantId, SearchQuery query, int offset, int limit, long available, long? view = null) =>
        HasNext(offset, limit, available) ? Encode(tenantId, query, offset + limit, view) : null;

    private static SearchPosition DecodePointInTime(string tenantId, SearchQuery query, byte[] bytes)
    {
        static InvalidCursorException Malformed() => new("The cursor is malformed.");
        if (bytes.Length < 1 + 4 + 2 + 2 + HashLength)
        {
            throw Malformed();
        }

        int pitLength = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(5));
        if (pitLength is 0 or > MaxPointInTimeLength || 9 + pitLength + HashLength > bytes.Length)
        {
            throw Malformed();
        }

        int afterLength = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(7 + pitLength));
        if (afterLength > MaxSearchAfterLength || 9 + pitLength + afterLength + HashLength != bytes.Length)
        {
            throw Malformed();
        }

        // Sealed over the query and the position: another tenant's or query's cursor, or one changed anywhere, is refused
        // before anything in it is read.
        if (!bytes.AsSpan(bytes.Length - HashLength).SequenceEqual(Seal(tenantId, query, bytes.AsSpan(0, bytes.Length - HashLength))))
        {
            throw new InvalidCursorException("The cursor belongs to another query.");
        }

        var offset = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1));
        if (offset is < 0 or >= SearchQuery.MaxWindow)
        {
            throw Malformed();
        }

        return new SearchPosition(offset, null)
        {
            PointInTime = Encoding.UTF8.GetString(bytes, 7, pitLength),
            SearchAfter = afterLength == 0 ? null : Encoding.UTF8.GetString(bytes, 9 + pitLength, afterLength),
        };
    }

    private static byte[] Seal(string tenantId, SearchQuery query, ReadOnlySpan<byte> position) =>
        SHA256.HashData([.. Hash(tenantId, query), .. position])[..HashLength];

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Hash(string tenantId, SearchQuery query)
    {
        var b = new StringBuilder();
        void Part(string? value) => b.Append(value?.Length.ToString(CultureInfo.InvariantCulture) ?? "-").Append(':').Append(value).Append('|');
        Part(tenantId);
        Part(query.Kind.ToString());
        Part(query.Text);
        Part(query.Boolean?.Canonical());
        Part(query.Sort.ToString());
        Part(string.Join(',', query.MustHaveSkills.Order(StringComparer.Ordinal)));
        Part(string.Join(',', query.NiceToHaveSkills.Order(StringComparer.Ordinal)));
        Part(query.YearsMin?.ToString("R", CultureInfo.InvariantCulture));
        Part(query.YearsMax?.ToString("R", CultureInfo.InvariantCulture));
        Part(Normalise(query.Location));
        Part(query.Remote?.ToString());
        Part(Normalise(query.Seniority));
        Part(Normalise(query.Language));
        Part(query.CollapseDuplicates ? "collapse" : null);
        Part(string.Join(',', query.OnlyIds.Order()));
        Part(string.Join(',', query.ExcludedIds.Order()));
        var text = Encoding.UTF8.GetBytes(b.ToString());
        var vector = query.Vector is null ? [] : MemoryMarshal.AsBytes(query.Vector.AsSpan()).ToArray();
        return SHA256.HashData([.. text, .. vector])[..HashLength];
    }

    internal static string? Normalise(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}

/// <summary>
/// Reciprocal rank fusion (Cormack et al., 2009): score(d) = Σ 1 / (k + rank(d)) over the lists d appears
/// in, rank from 1, k = 60. Rank-based, so BM25 and cosine need no common scale; a document first in one
/// list and absent from the other still beats most that are middling in both. Ties: the BM25 list's order.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int K = 60;

    public static List<(TKey Key, double Score)> Fuse<TKey>(params IReadOnlyList<IReadOnlyList<TKey>> lists)
        where TKey : notnull
    {
        var scores = new Dictionary<TKey, (double Score, int FirstSeen)>();
        var seen = 0;
        foreach (var list in lists)
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                var contribution = 1.0 / (K + rank + 1);
                scores[list[rank]] = scores.TryGetValue(list[rank], out var s)
                    ? (s.Score + contribution, s.FirstSeen)
                    : (contribution, seen++);
            }
        }

        return scores
            .OrderByDescending(e => e.Value.Score)
            .ThenBy(e => e.Value.FirstSeen)
            .Select(e => (e.Key, e.Value.Score))
            .ToList();
    }
}

/// <summary>Vector helpers shared by the adapters and the benchmark (SIMD through <see cref="TensorPrimitives"/>).</summary>
public static class Vectors
{
    /// <summary>Cosine similarity of two L2-normalised vectors (their dot product).</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        // TensorPrimitives would throw too; this keeps the message and the parameter name callers see.
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of {a.Length} and {b.Length} dimensions.", nameof(b));
        }

        return TensorPrimitives.Dot(a, b);
    }

    /// <summary>A copy scaled to unit length (zero stays zero).</summary>
    public static float[] Normalised(ReadOnlySpan<float> v)
    {
        var norm = TensorPrimitives.Norm(v);
        var copy = v.ToArray();
        if (norm > 0)
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }

        return copy;
    }
}
