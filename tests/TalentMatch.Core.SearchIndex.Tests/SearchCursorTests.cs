using System.Buffers.Binary;
using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>
/// The page cursor as a hostile caller sends it: every cursor that is not one an engine issued for this query in this
/// tenant is an <see cref="InvalidCursorException"/> (a typed 400 over HTTP), never another exception.
/// </summary>
public sealed class SearchCursorTests
{
    private static readonly SearchQuery Query = new(DocumentKind.Resume, "triton kernel", Limit: 20) { Sort = SearchSort.Newest };

    /// <summary>A point-in-time id as long as one of a 16-shard index (172 characters a shard).</summary>
    private static readonly string LongPit = string.Concat(Enumerable.Repeat("46ToAwMDaWR5BXV1aWQyKwZub2RlXzMAAAAAAAAAACoBYwADaWR4BXV1aWQxAgZub2RlXzEAAAAAAAAAAAEBYQADaWR5BXV1aWQyKgZub2RlXzIAAAAAAAAAAAwBYgACBXV1aWQyAAAFdXVpZDEAAQltYXRjaF9hbGzoBwEAAAAA", 16));

    private static SearchPosition Decode(string? cursor, string tenant = "acme", SearchQuery? query = null) =>
        SearchCursor.Decode(tenant, (query ?? Query) with { Cursor = cursor });

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    [Fact]
    public void A_point_in_time_cursor_carries_the_offset_the_id_and_the_sort_values()
    {
        var cursor = SearchCursor.Encode("acme", Query, 40, LongPit, """["0190f0c4-0000-7000-8000-000000000000",17]""");

        var position = Decode(cursor);

        Assert.Equal(40, position.Offset);
        Assert.Null(position.View);
        Assert.Equal(LongPit, position.PointInTime);
        Assert.Equal("""["0190f0c4-0000-7000-8000-000000000000",17]""", position.SearchAfter);
        Assert.True(cursor.Length <= SearchCursor.MaxLength);
        Assert.Null(Decode(SearchCursor.Encode("acme", Query, 40, "pit", null)).SearchAfter);
    }

    [Fact]
    public void The_longest_cursor_an_engine_issues_fits_the_bound_and_one_character_more_is_refused_unread()
    {
        var longest = SearchCursor.Encode("acme", Query, 999, new string('p', SearchCursor.MaxPointInTimeLength), "[" + new string('1', SearchCursor.MaxSearchAfterLength - 2) + "]");

        Assert.Equal(SearchCursor.MaxLength, longest.Length);
        Assert.Equal(999, Decode(longest).Offset);
        Assert.Throws<InvalidCursorException>(() => Decode(longest + "A"));
        Assert.Throws<InvalidCursorException>(() => Decode(new string('A', 1_000_000)));
    }

    [Fact]
    public void Ids_and_sort_values_longer_than_a_cursor_carries_are_not_encoded()
    {
        var tooLong = new string('p', SearchCursor.MaxPointInTimeLength + 1);

        Assert.False(SearchCursor.Fits(tooLong, null));
        Assert.False(SearchCursor.Fits("pit", new string('1', SearchCursor.MaxSearchAfterLength + 1)));
        Assert.False(SearchCursor.Fits("", null));
        Assert.True(SearchCursor.Fits(LongPit, "[1.5,3]"));
        Assert.Throws<ArgumentException>(() => SearchCursor.Encode("acme", Query, 20, tooLong, null));
    }

    [Fact]
    public void A_cursor_changed_anywhere_is_refused()
    {
        var bytes = FromBase64Url(SearchCursor.Encode("acme", Query, 20, "pit-of-acme", "[3.5,12]"));
        // Every byte, the offset, the id, the sort values and the seal, each changed on its own.
        for (var i = 0; i < bytes.Length; i++)
        {
            var changed = (byte[])bytes.Clone();
            changed[i] ^= 0x01;
            Assert.Throws<InvalidCursorException>(() => Decode(ToBase64Url(changed)));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(7L)]
    public void An_offset_or_view_cursor_changed_anywhere_is_refused_too(long? view)
    {
        var bytes = FromBase64Url(SearchCursor.Encode("acme", Query, 20, view));
        for (var i = 0; i < bytes.Length; i++)
        {
            var changed = (byte[])bytes.Clone();
            changed[i] ^= 0x01;
            Assert.Throws<InvalidCursorException>(() => Decode(ToBase64Url(changed)));
        }
    }

    [Fact]
    public void Another_tenants_or_another_querys_cursor_is_refused()
    {
        var cursor = SearchCursor.Encode("acme", Query, 20, "pit-of-acme", "[3.5,12]");

        Assert.Throws<InvalidCursorException>(() => Decode(cursor, tenant: "globex"));
        Assert.Throws<InvalidCursorException>(() => Decode(cursor, query: Query with { Sort = SearchSort.Relevance }));
        Assert.Throws<InvalidCursorException>(() => Decode(cursor, query: Query with { Text = "triton" }));
        Assert.Equal(20, Decode(cursor, query: Query with { Limit = 50 }).Offset); // the page size may change between pages
    }

    [Theory]
    [InlineData(0, 0)] // no id
    [InlineData(4000, 0)] // an id longer than the bound
    [InlineData(60_000, 0)] // lengths that point past the end
    [InlineData(3, 600)] // sort values longer than the bound
    [InlineData(3, 5000)]
    public void Lengths_that_do_not_add_up_are_refused_before_the_seal_is_read(int pitLength, int afterLength)
    {
        var bytes = new byte[1 + 4 + 2 + 3 + 2 + 16];
        bytes[0] = 3;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), 20);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(5), (ushort)pitLength);
        "pit"u8.CopyTo(bytes.AsSpan(7));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)afterLength);

        var e = Assert.Throws<InvalidCursorException>(() => Decode(ToBase64Url(bytes)));
        Assert.Equal("cursor", e.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Aw")]
    [InlineData("not a cursor!")]
    [InlineData("BAAAAAA")] // an unknown version
    public void Garbage_is_refused(string cursor) =>
        Assert.Throws<InvalidCursorException>(() => Decode(cursor));

    [Fact]
    public void The_older_cursors_still_decode()
    {
        Assert.Equal(new SearchPosition(20, null), Decode(SearchCursor.Encode("acme", Query, 20)));
        Assert.Equal(new SearchPosition(20, 7), Decode(SearchCursor.Encode("acme", Query, 20, 7)));
    }
}
