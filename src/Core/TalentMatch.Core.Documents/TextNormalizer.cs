using System.Text;
using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents;

/// <summary>
/// Makes extracted text uniform for the parsers: LF line ends, one bullet glyph ("• "), no control or
/// private-use characters, no runs of blank lines, no trailing spaces.
/// </summary>
internal static partial class TextNormalizer
{
    /// <summary>The one bullet every list item starts with after normalisation.</summary>
    public const string Bullet = "• ";

    // Glyphs word processors and PDF fonts use for list bullets. U+F0B7, U+F0A7 and U+F076 are the Symbol
    // and Wingdings bullets Word emits as private-use characters; "·" only counts at the start of a line,
    // because Chinese salaries write "30-60K·15薪".
    private const string BulletGlyphs = "•●▪■◦○►▶➢➤✓✔✗❖◆◇□▫‣⁃∙\uF0B7\uF0A7\uF076\uF0D8\uF0FC\uF0A8";

    public static string Normalize(string text, ReadBudget budget)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rawLine in RepairEscapedBytes(text).ReplaceLineEndings("\n").Split('\n').SelectMany(SplitFlattened))
        {
            budget.Step();
            var line = CleanCharacters(rawLine);
            line = NormalizeBullet(line);
            builder.Append(line.TrimEnd()).Append('\n');
        }
        var collapsed = BlankLineRuns().Replace(builder.ToString(), "\n\n");
        return collapsed.Trim('\n', ' ');
    }

    /// <summary>
    /// Undoes UTF-8 bytes written out as Python escapes: "\xe2\x80\xa2" (text that went through
    /// <c>str(bytes)</c> on its way to us) becomes "•". Only runs that decode as strict UTF-8 to non-ASCII
    /// text are replaced, so a path such as "C:\x64" stays as written.
    /// </summary>
    internal static string RepairEscapedBytes(string text)
    {
        if (!text.Contains("\\x", StringComparison.Ordinal))
        {
            return text;
        }
        return EscapedBytes().Replace(text, m =>
        {
            var bytes = m.Value.Split("\\x", StringSplitOptions.RemoveEmptyEntries)
                .Select(h => byte.Parse(h, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            try
            {
                var decoded = StrictUtf8.GetString(bytes);
                return decoded.Any(c => c > '\u007F') ? decoded : m.Value;
            }
            catch (DecoderFallbackException)
            {
                return m.Value;
            }
        });
    }

    /// <summary>
    /// A document flattened onto one line (PDF text whose line breaks became runs of spaces, as in CSV
    /// resume dumps) is split back into lines at those runs. Only long lines with at least three runs of two
    /// or more spaces count, and not when every run follows a full stop (two spaces between sentences).
    /// Two runs are not line breaks: a run between two dates is a dash the export lost ("June 2009  Present"
    /// → "June 2009 – Present"), and a wide run (three or more spaces) between two single words is
    /// justified text ("Confidential,    San    Antonio").
    /// </summary>
    internal static IEnumerable<string> SplitFlattened(string line)
    {
        if (line.Length < 200)
        {
            return [line];
        }
        var gaps = SpaceRun().Matches(line);
        if (gaps.Count < 3 || gaps.All(g => g.Index > 0 && line[g.Index - 1] is '.' or '!' or '?'))
        {
            return [line];
        }
        var pieces = new List<string>();
        var current = new StringBuilder();
        var start = 0;
        for (var i = 0; i <= gaps.Count; i++)
        {
            var end = i < gaps.Count ? gaps[i].Index : line.Length;
            var piece = line[start..end];
            current.Append(piece);
            if (i == gaps.Count)
            {
                break;
            }
            var nextEnd = i + 1 < gaps.Count ? gaps[i + 1].Index : line.Length;
            var next = line[(gaps[i].Index + gaps[i].Length)..nextEnd];
            // Only the end of what was gathered can end with a date: looking at its last 64 characters keeps this
            // linear on a line of thousands of justified words, which would otherwise be copied and scanned whole per gap.
            if (EndsWithDate().IsMatch(Tail(current, 64)) && StartsWithDate().IsMatch(next))
            {
                current.Append(" – ");
            }
            else if (gaps[i].Length >= 3 && !piece.Trim().Contains(' ', StringComparison.Ordinal) && !next.Trim().Contains(' ', StringComparison.Ordinal))
            {
                current.Append(' ');
            }
            else
            {
                pieces.Add(current.ToString());
                current.Clear();
            }
            start = gaps[i].Index + gaps[i].Length;
        }
        pieces.Add(current.ToString());
        return pieces;
    }

    private static string Tail(StringBuilder builder, int length) =>
        builder.Length <= length ? builder.ToString() : builder.ToString(builder.Length - length, length);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string CleanCharacters(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (BulletGlyphs.Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c); // kept for NormalizeBullet, even the private-use ones
            }
            else if (c is '\t' or '\u00A0' or '\u3000' or '\u2002' or '\u2003' or '\u2009')
            {
                builder.Append(c == '\u3000' ? '\u3000' : ' '); // the ideographic space is a real CJK layout character
            }
            else if (char.IsControl(c) || c is '\uFEFF' or '\u200B' or '\uFFFD' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.PrivateUse)
            {
                // dropped: BOMs, zero-width spaces, replacement characters and private-use glyphs carry no text
            }
            else
            {
                builder.Append(c);
            }
        }
        return MultipleSpaces().Replace(builder.ToString(), " ");
    }

    private static string NormalizeBullet(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.Length == 0)
        {
            return "";
        }
        var first = trimmed[0];
        var isBullet = BulletGlyphs.Contains(first, StringComparison.Ordinal)
            || (first is '·' or '*' or '-' or '–' && trimmed.Length > 1 && trimmed[1] == ' ');
        if (!isBullet)
        {
            // Bullets inside a line (PDF and HTML often lose the line break before them) start a new line.
            return InlineBullet().Replace(line, "\n" + Bullet);
        }
        var rest = trimmed[1..].TrimStart();
        return Bullet + InlineBullet().Replace(rest, "\n" + Bullet);
    }

    [GeneratedRegex(@"\n{3,}", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex BlankLineRuns();

    [GeneratedRegex(@" {2,}", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex MultipleSpaces();

    [GeneratedRegex(@"[ \t\u00A0]{2,}", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex SpaceRun();

    private const string MonthWord = @"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?";

    [GeneratedRegex(@"(?:\b(?:19|20)\d{2}|\b" + MonthWord + @"\s*'?\d{2})$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex EndsWithDate();

    [GeneratedRegex(@"^(?:(?:19|20)\d{2}\b|" + MonthWord + @"\s*'?\d{2}|(?:\d{1,2}/)?(?:19|20)\d{2}\b|present\b|current\b|till date\b|to date\b|date\b|now\b)", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex StartsWithDate();

    [GeneratedRegex(@"(?:\\x[0-9a-fA-F]{2})+", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex EscapedBytes();

    // Non-backtracking: with backtracking, a long run of white space without a bullet was rescanned from each of its characters.
    [GeneratedRegex(@"\s*[•●▪■►▶➢➤❖\uF0B7\uF0A7]\s*", RegexOptions.NonBacktracking, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex InlineBullet();
}
