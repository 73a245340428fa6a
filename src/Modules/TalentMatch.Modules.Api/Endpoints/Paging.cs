using System.Buffers.Text;

namespace TalentMatch.Modules.Api.Endpoints;

/// <summary>
/// Opaque cursor pagination over time-ordered (version 7) ids: a cursor is the last id of the
/// previous page, base64url-encoded. Stable under inserts (new documents sort after every cursor)
/// and under deletes; the tenant filter still applies, so a cursor grants nothing.
/// </summary>
internal static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static string Encode(Guid lastId) => Base64Url.EncodeToString(lastId.ToByteArray(bigEndian: true));

    public static bool TryDecode(string? cursor, out Guid? after)
    {
        after = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (cursor.Length != 22 || !Base64Url.IsValid(cursor) || Base64Url.DecodeFromChars(cursor, bytes) != 16)
        {
            return false;
        }

        after = new Guid(bytes, bigEndian: true);
        return true;
    }

    public static bool IsValidLimit(int? limit) => limit is null or (>= 1 and <= MaxLimit);
}
