using System.Text;

namespace TalentMatch.Core.Documents;

/// <summary>
/// Finds the encoding of text bytes: a BOM wins; then UTF-16 by its zero bytes; then strict UTF-8;
/// then GB18030 or Windows-1252, whichever reads as real text. Decoding is strict everywhere, so a wrong
/// guess fails loudly instead of producing mojibake.
/// </summary>
internal static class TextDecoding
{
    public static Encoding Gb18030 { get; } = GetStrict(54936);
    public static Encoding Windows1252 { get; } = GetStrict(1252);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>
    /// GB18030 and Windows-1252 live in the in-box code-pages provider. It is asked directly rather than
    /// registered: static initialisers run before a static constructor, and global registration would hide
    /// a missing registration in callers' tests.
    /// </summary>
    private static Encoding GetStrict(int codePage)
    {
        var encoding = (Encoding)CodePagesEncodingProvider.Instance.GetEncoding(codePage)!.Clone();
        encoding.EncoderFallback = EncoderFallback.ExceptionFallback;
        encoding.DecoderFallback = DecoderFallback.ExceptionFallback;
        return encoding;
    }

    /// <summary>Decodes <paramref name="bytes"/>, or returns null when no supported encoding reads them cleanly.</summary>
    public static (string Text, Encoding Encoding)? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return TryDecode(bytes[3..], StrictUtf8, out var text) ? (text, Encoding.UTF8) : null;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return TryDecode(bytes[2..], StrictUtf16Le, out var text) ? (text, Encoding.Unicode) : null;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return TryDecode(bytes[2..], StrictUtf16Be, out var text) ? (text, Encoding.BigEndianUnicode) : null;
        }

        var utf16 = GuessUtf16WithoutBom(bytes);
        if (utf16 is not null)
        {
            return TryDecode(bytes, utf16 == Encoding.Unicode ? StrictUtf16Le : StrictUtf16Be, out var text) ? (text, utf16) : null;
        }

        if (bytes.Contains((byte)0))
        {
            return null; // NUL bytes outside UTF-16 mean binary content, not text.
        }

        if (TryDecode(bytes, StrictUtf8, out var utf8Text))
        {
            return (RepairDoubleEncodedUtf8(utf8Text), Encoding.UTF8);
        }

        if (LooksLikeGb18030(bytes) && TryDecode(bytes, Gb18030, out var chinese))
        {
            return (chinese, Gb18030);
        }

        // Windows-1252 leaves five bytes undefined; strict decoding rejects text that contains them.
        return TryDecode(bytes, Windows1252, out var western) ? (western, Windows1252) : null;
    }

    private static bool TryDecode(ReadOnlySpan<byte> bytes, Encoding encoding, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>
    /// ASCII-heavy UTF-16 has a zero in every other byte. Chinese UTF-16 has few zeros, so it is only
    /// recognised with a BOM or when its byte pairs decode to mostly CJK characters.
    /// </summary>
    private static Encoding? GuessUtf16WithoutBom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes.Length % 2 != 0)
        {
            return null;
        }
        var sample = bytes[..Math.Min(bytes.Length, 4096)];
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i + 1 < sample.Length; i += 2)
        {
            if (sample[i] == 0) evenZeros++;
            if (sample[i + 1] == 0) oddZeros++;
        }
        var pairs = sample.Length / 2;
        if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return Encoding.Unicode;
        if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return Encoding.BigEndianUnicode;
        return null;
    }

    /// <summary>
    /// GB18030 stores each Chinese character as a run of two (or four) bytes ≥ 0x81, so its high bytes come
    /// in adjacent pairs. Western Windows-1252 text has mostly single accented letters between ASCII, and
    /// any high byte followed by a space or punctuation is invalid as a GB18030 lead byte.
    /// </summary>
    private static bool LooksLikeGb18030(ReadOnlySpan<byte> bytes)
    {
        int highBytes = 0, pairedHighBytes = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] < 0x80) continue;
            highBytes++;
            if ((i > 0 && bytes[i - 1] >= 0x80) || (i + 1 < bytes.Length && bytes[i + 1] >= 0x80))
            {
                pairedHighBytes++;
            }
        }
        return highBytes > 0 && pairedHighBytes >= highBytes * 0.8;
    }

    /// <summary>
    /// UTF-8 that was once read as Windows-1252 and saved again as UTF-8 ("Ã©" for "é", "â€™" for "’") is
    /// common in scraped resumes. When every such sequence round-trips to valid UTF-8, the original is restored.
    /// </summary>
    internal static string RepairDoubleEncodedUtf8(string text)
    {
        if (!text.Contains('Ã', StringComparison.Ordinal) && !text.Contains('â', StringComparison.Ordinal)
            && !text.Contains('Â', StringComparison.Ordinal))
        {
            return text;
        }
        var chars = text.AsSpan();
        var builder = new StringBuilder(text.Length);
        var i = 0;
        var repaired = false;
        while (i < chars.Length)
        {
            // A mojibake run is a lead char (Â..ï as UTF-8 lead bytes 0xC2-0xEF) followed by continuation chars
            // whose Windows-1252 bytes are 0x80-0xBF.
            if (chars[i] is >= 'Â' and <= 'ï' && TryRepairRun(chars[i..], out var consumed, out var original))
            {
                builder.Append(original);
                i += consumed;
                repaired = true;
                continue;
            }
            builder.Append(chars[i]);
            i++;
        }
        return repaired ? builder.ToString() : text;
    }

    private static bool TryRepairRun(ReadOnlySpan<char> chars, out int consumed, out string original)
    {
        consumed = 0;
        original = "";
        var lead = Windows1252Byte(chars[0]);
        int expected = lead switch
        {
            >= 0xC2 and <= 0xDF => 2,
            >= 0xE0 and <= 0xEF => 3,
            _ => 0,
        };
        if (expected == 0 || chars.Length < expected)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[3];
        bytes[0] = (byte)lead;
        for (var k = 1; k < expected; k++)
        {
            var b = Windows1252Byte(chars[k]);
            if (b is < 0x80 or > 0xBF)
            {
                return false;
            }
            bytes[k] = (byte)b;
        }
        if (!TryDecode(bytes[..expected], StrictUtf8, out original))
        {
            return false;
        }
        consumed = expected;
        return true;
    }

    private static int Windows1252Byte(char c)
    {
        if (c < 0x100 && c is not (>= '\u0080' and <= '\u009F'))
        {
            return c;
        }
        Span<byte> one = stackalloc byte[2];
        try
        {
            return Windows1252.GetBytes([c], one) == 1 ? one[0] : -1;
        }
        catch (EncoderFallbackException)
        {
            return -1;
        }
    }
}
